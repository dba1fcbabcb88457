// Runs a reply's tool calls in order through the name → tool map. Whatever goes wrong with a call
// (unknown tool, bad JSON, arguments that do not fit the schema, a tool that throws) becomes a
// result the model can read and act on; every call gets exactly one result in the history.
import type { ToolCall } from '../model/index.ts';
import type { Emit } from './events.ts';
import type { RunState } from './run-state.ts';
import type { FinalReason, Tool, ToolResult } from './types.ts';
import { checkArgs } from './validate-args.ts';

export async function runToolCalls(run: RunState, calls: ToolCall[], emit: Emit): Promise<void> {
	for (const [at, call] of calls.entries()) {
		const stop = run.interruption();
		if (stop) return skipToolCalls(run, calls.slice(at), stop, emit);
		emit({
			type: 'tool_call',
			turn: run.turn,
			id: call.id,
			name: call.name,
			arguments: call.arguments
		});
		const started = performance.now();
		const result = await runToolCall(run, call, emit);
		run.toolCalls += 1;
		record(run, call, result, performance.now() - started, emit);
	}
}

/** Answers calls the run will not make, so the history stays valid for a follow-up. */
export function skipToolCalls(
	run: RunState,
	calls: ToolCall[],
	reason: FinalReason,
	emit: Emit
): void {
	for (const call of calls) {
		emit({
			type: 'tool_call',
			turn: run.turn,
			id: call.id,
			name: call.name,
			arguments: call.arguments
		});
		const content = `Not run: the run stopped (${reason}) before this call.`;
		record(run, call, { ok: false, content, details: { kind: 'not_run', reason } }, 0, emit);
	}
}

function record(run: RunState, call: ToolCall, result: ToolResult, durationMs: number, emit: Emit) {
	run.messages.push({ role: 'tool', toolCallId: call.id, content: result.content });
	const { ok, content, details } = result;
	emit({ type: 'tool_result', id: call.id, name: call.name, ok, content, details, durationMs });
}

async function runToolCall(run: RunState, call: ToolCall, emit: Emit): Promise<ToolResult> {
	const prepared = prepare(run.tools, call);
	if ('problem' in prepared) {
		const message = prepared.problem;
		return { ok: false, content: message, details: { kind: 'invalid_call', message } };
	}
	try {
		return await prepared.tool.run(prepared.args, {
			sandbox: run.input.sandbox,
			signal: run.signal,
			onOutput: (chunk) =>
				emit({ type: 'tool_output', id: call.id, stream: chunk.stream, chunk: chunk.text }),
			...(run.input.network ? { network: run.input.network } : {})
		});
	} catch (error) {
		const message = `The ${call.name} tool failed: ${error instanceof Error ? error.message : String(error)}`;
		return { ok: false, content: message, details: { kind: 'tool_failed', message } };
	}
}

function prepare(
	tools: ReadonlyMap<string, Tool>,
	call: ToolCall
): { tool: Tool; args: Record<string, unknown> } | { problem: string } {
	const tool = tools.get(call.name);
	if (!tool) {
		const known = [...tools.keys()].join(', ');
		return { problem: `Unknown tool "${call.name}". The tools you can call are: ${known}.` };
	}
	let value: unknown;
	try {
		// Some servers send "" for a call without arguments.
		value = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return {
			problem: `The arguments of ${call.name} are not valid JSON (${why}). Send them again as one JSON object.`
		};
	}
	const checked = tool.foreignSchema
		? tool.foreignSchema.check(value)
		: checkArgs(tool.parameters, value);
	if ('problems' in checked) {
		return { problem: `Invalid arguments for ${call.name}: ${checked.problems.join('; ')}.` };
	}
	return { tool, args: checked.args };
}
