import { beforeEach, describe, expect, it } from 'vitest';
import {
	applyPatchTool,
	shellTool,
	truncateHeadTail,
	type ToolContext
} from '../../../src/lib/core/agent/index.ts';
import {
	createLiteSandbox,
	type OutputChunk,
	type Sandbox
} from '../../../src/lib/core/sandbox/index.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

let sandbox: Sandbox;
let chunks: OutputChunk[];
let ctx: ToolContext;

beforeEach(async () => {
	sandbox = createLiteSandbox();
	await sandbox.writeTree([
		{ path: 'run.sh', mode: '100755', data: encode('#!/bin/sh\necho one\n') },
		{ path: 'src/a.txt', mode: '100644', data: encode('alpha\nbeta\n') }
	]);
	chunks = [];
	ctx = { sandbox, signal: new AbortController().signal, onOutput: (chunk) => chunks.push(chunk) };
});

const lines = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, at) => String(from + at));

describe('shell tool', () => {
	it('shows the model the head and tail of long output with totals, and keeps all of it', async () => {
		const result = await shellTool.run({ command: 'seq 1 5000' }, ctx);
		const full = `${lines(1, 5000).join('\n')}\n`;
		expect(result).toEqual({
			ok: true,
			content: [
				'Exit code: 0',
				'Total output: 5000 lines, 23893 bytes; showing the start and the end.',
				'Output:',
				...lines(1, 128),
				'…4744 lines / 22851 bytes truncated…',
				...lines(4873, 5000)
			].join('\n'),
			details: {
				kind: 'shell',
				command: 'seq 1 5000',
				workdir: '',
				exitCode: 0,
				timedOut: false,
				aborted: false,
				output: full,
				truncated: true
			}
		});
		expect(chunks).toEqual([{ stream: 'stdout', text: full }]);
	});

	it('reports a failing command with its exit code and stderr', async () => {
		const result = await shellTool.run({ command: 'echo oops >&2; exit 3', workdir: 'src' }, ctx);
		expect(result).toEqual({
			ok: false,
			content: 'Exit code: 3\nOutput:\noops\n',
			details: {
				kind: 'shell',
				command: 'echo oops >&2; exit 3',
				workdir: 'src',
				exitCode: 3,
				timedOut: false,
				aborted: false,
				output: 'oops\n',
				truncated: false
			}
		});
	});

	it('runs in the given workdir, and refuses one outside the repository', async () => {
		expect((await shellTool.run({ command: 'pwd', workdir: './src/' }, ctx)).content).toBe(
			'Exit code: 0\nOutput:\n/work/src\n'
		);
		const message =
			'workdir must be a path inside the repository, relative to its root; got "../etc".';
		expect(await shellTool.run({ command: 'ls', workdir: '../etc' }, ctx)).toEqual({
			ok: false,
			content: message,
			details: { kind: 'invalid_call', message }
		});
	});

	it('stops a command at its timeout and says so', async () => {
		const result = await shellTool.run({ command: 'sleep 5', timeout_ms: 100 }, ctx);
		expect(result.content).toBe(
			'Exit code: 124 (timed out after 100 ms)\nOutput:\nbash: execution aborted\n'
		);
		expect(result.details).toMatchObject({ kind: 'shell', timedOut: true, exitCode: 124 });
	});
});

describe('apply_patch tool', () => {
	it('applies a patch and answers with the summary; details list the changes', async () => {
		const input = [
			'*** Begin Patch',
			'*** Add File: docs/new.md',
			'+# New',
			'*** Update File: run.sh',
			'@@',
			'-echo one',
			'+echo two',
			'*** Delete File: src/a.txt',
			'*** End Patch'
		].join('\n');
		expect(await applyPatchTool.run({ input }, ctx)).toEqual({
			ok: true,
			content: 'Success. Updated the following files:\nA docs/new.md\nM run.sh\nD src/a.txt',
			details: {
				kind: 'apply_patch',
				changes: [
					{ type: 'add', path: 'docs/new.md', after: '# New\n' },
					{
						type: 'update',
						path: 'run.sh',
						before: '#!/bin/sh\necho one\n',
						after: '#!/bin/sh\necho two\n'
					},
					{ type: 'delete', path: 'src/a.txt', before: 'alpha\nbeta\n' }
				]
			}
		});
		expect((await sandbox.list()).map(({ path, mode }) => ({ path, mode }))).toEqual([
			{ path: 'docs/new.md', mode: '100644' },
			{ path: 'run.sh', mode: '100755' }
		]);
		expect(decode(await sandbox.readFile('run.sh'))).toBe('#!/bin/sh\necho two\n');
	});

	it('answers a patch that does not apply with the message and the hint, changing nothing', async () => {
		const input = [
			'*** Begin Patch',
			'*** Add File: docs/new.md',
			'+# New',
			'*** Update File: missing.txt',
			'@@',
			'-x',
			'+y',
			'*** End Patch'
		].join('\n');
		const message =
			"Cannot update missing.txt: the file does not exist. Use '*** Add File: missing.txt' to create it.";
		expect(await applyPatchTool.run({ input }, ctx)).toEqual({
			ok: false,
			content: `${message}\nNothing was changed.`,
			details: {
				kind: 'apply_patch',
				changes: [],
				error: { code: 'update-missing', message, hint: 'Nothing was changed.' }
			}
		});
		expect(await sandbox.readFile('docs/new.md')).toBeNull();
	});

	it('answers a malformed patch with what is wrong', async () => {
		const message = "Invalid patch: the first line must be '*** Begin Patch'.";
		const hint = 'Nothing was changed. Fix the patch and send it again.';
		expect(await applyPatchTool.run({ input: 'diff --git a/x b/x' }, ctx)).toEqual({
			ok: false,
			content: `${message}\n${hint}`,
			details: {
				kind: 'apply_patch',
				changes: [],
				error: { code: 'missing-begin', message, hint }
			}
		});
	});
});

describe('truncateHeadTail', () => {
	it('leaves output within both caps alone', () => {
		expect(truncateHeadTail('a\nb\n', 2, 100)).toEqual({
			text: 'a\nb\n',
			truncated: false,
			totalLines: 2,
			totalBytes: 4
		});
		expect(truncateHeadTail('', 2, 100)).toEqual({
			text: '',
			truncated: false,
			totalLines: 0,
			totalBytes: 0
		});
	});

	it('cuts on the byte cap when lines are long', () => {
		const text = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee'].join('\n');
		expect(truncateHeadTail(text, 100, 20)).toEqual({
			text: 'aaaa\nbbbb\n…1 lines / 6 bytes truncated…\ndddd\neeee',
			truncated: true,
			totalLines: 5,
			totalBytes: 24
		});
	});

	it('shows the start and end of a single line too long for the budget', () => {
		expect(truncateHeadTail(`${'é'.repeat(10)}xyz`, 10, 10)).toEqual({
			text: 'éé\n…0 lines / 14 bytes truncated…\néxyz',
			truncated: true,
			totalLines: 1,
			totalBytes: 23
		});
	});
});
