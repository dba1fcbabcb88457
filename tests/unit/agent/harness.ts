// Shared set-up for the agent tests: a scripted model session, a real ModelClient pointed at it,
// a Lite sandbox holding a small repository, and an event recorder.
import { expect } from 'vitest';
import {
	coreTools,
	runAgent,
	type AgentEvent,
	type AgentInput,
	type AgentResult
} from '../../../src/lib/core/agent/index.ts';
import { createModelClient, type Message } from '../../../src/lib/core/model/index.ts';
import { createLiteSandbox, type Sandbox } from '../../../src/lib/core/sandbox/index.ts';
import type { ModelServer, SessionState, Step } from '../../servers/model.ts';

export const SYSTEM = 'You are the test agent.';

export const GREET = "export function greet(name: string) {\n\treturn 'Hello ' + name;\n}\n";

export type Harness = {
	sandbox: Sandbox;
	events: AgentEvent[];
	state(): SessionState;
	run(
		messages: Message[],
		options?: { signal?: AbortSignal; input?: Partial<AgentInput> }
	): Promise<AgentResult>;
};

export async function harness(
	server: ModelServer,
	steps: Step[],
	input: Partial<AgentInput> = {}
): Promise<Harness> {
	const { id, baseURL } = server.script(steps);
	const model = createModelClient({
		baseURL,
		apiKey: 'sk-test',
		model: 'scripted-model',
		retryBaseMs: 1,
		random: () => 0
	});
	const sandbox = createLiteSandbox();
	const encode = (text: string) => new TextEncoder().encode(text);
	await sandbox.writeTree([
		{ path: 'README.md', mode: '100644', data: encode('# Demo\n') },
		{ path: 'src/greet.ts', mode: '100644', data: encode(GREET) }
	]);
	const events: AgentEvent[] = [];
	return {
		sandbox,
		events,
		state: () => server.session(id)!,
		run: (messages, options = {}) =>
			runAgent(
				{
					messages,
					systemPrompt: SYSTEM,
					tools: coreTools(),
					model,
					sandbox,
					mode: 'code',
					...input,
					...options.input
				},
				(event) => events.push(event),
				options.signal ?? new AbortController().signal
			)
	};
}

/** The model id and origin a usage event names for a harness on `server`. */
export function modelOf(server: ModelServer): { model: string; endpoint: string } {
	return { model: 'scripted-model', endpoint: new URL(server.url).origin };
}

export const ask = (content: string): Message[] => [{ role: 'user', content }];

/** The events with consecutive text deltas joined, so whole lists stay readable. */
export function joined(events: AgentEvent[]): AgentEvent[] {
	const out: AgentEvent[] = [];
	for (const event of events) {
		const last = out.at(-1);
		if (event.type === 'text_delta' && last?.type === 'text_delta' && last.turn === event.turn) {
			out[out.length - 1] = { ...last, delta: last.delta + event.delta };
		} else out.push(event);
	}
	return out;
}

/** Durations vary from run to run; everything else is compared exactly. */
export const anyDuration = expect.any(Number) as unknown as number;

export function totals(
	turns: number,
	toolCalls: number,
	promptTokens: number,
	completionTokens: number
) {
	return { turns, toolCalls, promptTokens, completionTokens, durationMs: anyDuration };
}

export async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition(); tries++) {
		if (tries > 300) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
