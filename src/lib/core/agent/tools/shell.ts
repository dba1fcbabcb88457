// The `shell` tool: one command in the sandbox; the model sees the exit code and a head-and-tail
// cut of the output, the log keeps all of it.
import { normaliseRelative, SandboxPathError, type ExecResult } from '../../sandbox/index.ts';
import type { Tool, ToolResult } from '../types.ts';
import manual from './shell.md?raw';
import { truncateHeadTail } from './truncate.ts';

export const DEFAULT_TIMEOUT_MS = 120_000;
export const MAX_TIMEOUT_MS = 600_000;

export type ShellArgs = { command: string; workdir?: string; timeout_ms?: number };

export const shellTool: Tool<ShellArgs> = {
	name: 'shell',
	description: manual,
	parameters: {
		type: 'object',
		properties: {
			command: { type: 'string', description: 'The command line to run with bash.' },
			workdir: {
				type: 'string',
				description: 'Directory to run in, relative to the repository root (default: the root).'
			},
			timeout_ms: {
				type: 'integer',
				minimum: 1,
				description: `Milliseconds before the command is stopped (default ${DEFAULT_TIMEOUT_MS}, at most ${MAX_TIMEOUT_MS}).`
			}
		},
		required: ['command'],
		additionalProperties: false
	},
	async run(args, ctx) {
		let workdir: string;
		try {
			workdir = normaliseRelative(args.workdir ?? '');
		} catch (error) {
			if (!(error instanceof SandboxPathError)) throw error;
			const message = `workdir must be a path inside the repository, relative to its root; got "${args.workdir}".`;
			return { ok: false, content: message, details: { kind: 'invalid_call', message } };
		}
		const chunks: string[] = [];
		const timeoutMs = Math.min(args.timeout_ms ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
		const result = await ctx.sandbox.exec(args.command, {
			cwd: workdir,
			timeoutMs,
			signal: ctx.signal,
			onOutput(chunk) {
				chunks.push(chunk.text);
				ctx.onOutput(chunk);
			}
		});
		// The chunks keep stdout and stderr interleaved as they arrived.
		const output = chunks.length ? chunks.join('') : result.stdout + result.stderr;
		const status = result.timedOut
			? ` (timed out after ${timeoutMs} ms)`
			: result.aborted
				? ' (cancelled)'
				: '';
		return reportOf({ command: args.command, workdir, status }, result, output);
	}
};

type Call = { command: string; workdir: string; status: string };

function reportOf(
	{ command, workdir, status }: Call,
	result: ExecResult,
	output: string
): ToolResult {
	const cut = truncateHeadTail(output);
	const header = [`Exit code: ${result.exitCode}${status}`];
	if (cut.truncated) {
		header.push(
			`Total output: ${cut.totalLines} lines, ${cut.totalBytes} bytes; showing the start and the end.`
		);
	}
	return {
		ok: result.exitCode === 0,
		content: [...header, 'Output:', cut.text].join('\n'),
		details: {
			kind: 'shell',
			command,
			workdir,
			exitCode: result.exitCode,
			timedOut: result.timedOut,
			aborted: result.aborted,
			output,
			truncated: cut.truncated
		}
	};
}
