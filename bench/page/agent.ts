// The agent loop against a scripted, instant model server, and four attempts at once (runAttempt,
// the same function the page's task runner calls) against one attempt four times over.
import { coreTools, runAgent, type AgentEvent } from '../../src/lib/core/agent/index.ts';
import type { Baseline } from '../../src/lib/core/git/index.ts';
import { createModelClient } from '../../src/lib/core/model/index.ts';
import { defaultAgentPolicy } from '../../src/lib/core/network/index.ts';
import { createLiteSandbox, type Sandbox } from '../../src/lib/core/sandbox/index.ts';
import type { EnvironmentRecord } from '../../src/lib/core/store/index.ts';
import { runAttempt } from '../../src/lib/core/run/index.ts';
import { generateTree, type GeneratedFile } from '../fixture-tree.ts';
import { measureMemory, watchLongTasks } from './long-tasks.ts';

const model = (baseURL: string) =>
	createModelClient({ baseURL, apiKey: '', model: 'scripted-model', maxRetries: 0 });

/** A Lite sandbox whose commands' own run time is summed, so the loop's share can be told apart. */
function timedSandbox(inner: Sandbox): { sandbox: Sandbox; execMs: () => number } {
	let total = 0;
	const sandbox: Sandbox = {
		...inner,
		kind: inner.kind,
		root: inner.root,
		async exec(command, options) {
			const started = performance.now();
			try {
				return await inner.exec(command, options);
			} finally {
				total += performance.now() - started;
			}
		}
	};
	return { sandbox, execMs: () => total };
}

/** One run of `turns` tool calls: wall time, command time and what is left per call. */
export async function timeAgentLoop(baseURL: string, turns: number) {
	const { sandbox, execMs } = timedSandbox(createLiteSandbox({ root: '/work/loop' }));
	await sandbox.writeFile('README.md', '# bench\n');
	const events: AgentEvent[] = [];
	// Where a turn's time goes: model request → its tool call parsed → the tool's result.
	let modelMs = 0;
	let toolMs = 0;
	let mark = 0;
	const emit = (event: AgentEvent) => {
		events.push(event);
		const now = performance.now();
		if (event.type === 'turn_start') mark = now;
		else if (event.type === 'tool_call') [modelMs, mark] = [modelMs + now - mark, now];
		else if (event.type === 'tool_result') toolMs += now - mark;
	};
	const started = performance.now();
	const result = await runAgent(
		{
			messages: [{ role: 'user', content: 'Run the trivial command many times.' }],
			systemPrompt: 'You are a benchmark.',
			tools: coreTools(),
			model: model(baseURL),
			sandbox,
			mode: 'code',
			budgets: { maxTurns: turns + 5 }
		},
		emit,
		new AbortController().signal
	);
	const ms = performance.now() - started;
	const calls = events.filter((e) => e.type === 'tool_result').length;
	if (result.final.reason !== 'done' || calls !== turns) {
		throw new Error(
			`agent run ended ${result.final.reason} after ${calls} calls: ${result.final.message}`
		);
	}
	return {
		ms,
		execMs: execMs(),
		calls,
		perCallMs: (ms - execMs()) / calls,
		modelPerCallMs: modelMs / calls,
		toolPerCallMs: (toolMs - execMs()) / calls
	};
}

let smallTree: GeneratedFile[] | undefined;

function environment(): EnvironmentRecord {
	return {
		id: 'bench',
		name: 'bench',
		repoUrl: 'acme/bench-small',
		defaultBranch: 'main',
		setupScript: '',
		envVars: [],
		setupSecrets: [],
		agentPolicy: { ...defaultAgentPolicy },
		runtime: 'lite',
		createdAt: 0,
		updatedAt: 0
	};
}

/** One attempt as the task runner makes it: prepare (checkout given), sandbox, the agent. */
async function oneAttempt(baseURL: string, seed: number, log: string[]) {
	smallTree ??= generateTree('small', seed);
	const files = smallTree.map((f) => ({ path: f.path, mode: '100644' as const, data: f.bytes }));
	const baseline: Baseline = { commit: '', tree: '', branch: 'main', entries: [], skipped: [] };
	const result = await runAttempt({
		mode: 'code',
		environment: environment(),
		userText: 'Look around the repository.',
		prepare: {
			checkout: async () => ({
				baseline,
				files,
				stats: { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: true }
			}),
			createSandbox: async () => ({ sandbox: createLiteSandbox({ root: '/work/attempt' }) })
		},
		model: model(baseURL),
		tools: coreTools(),
		// The task runner serialises every entry for IndexedDB and the open page; so does this.
		log: (entry) => log.push(JSON.stringify(entry)),
		signal: new AbortController().signal
	});
	if (result.status !== 'done') throw new Error(`attempt ended ${result.status}`);
}

/** Four attempts, all at once or one after another; the longest main-thread task meanwhile. */
export async function timeAttempts(baseURLs: string[], seed: number, together: boolean) {
	const log: string[] = [];
	let peakMemory: number | null = null;
	const started = performance.now();
	const { longestTaskMs } = await watchLongTasks(async () => {
		if (together) {
			const running = Promise.all(baseURLs.map((url) => oneAttempt(url, seed, log)));
			// Measured while the attempts run, not after.
			const memory = measureMemory();
			await running;
			peakMemory = await memory;
		} else {
			for (const url of baseURLs) await oneAttempt(url, seed, log);
		}
	});
	return {
		ms: performance.now() - started,
		longestTaskMs,
		entries: log.length,
		memoryBytes: peakMemory
	};
}
