import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
	formatPatch,
	type FileChange,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import {
	gitApplyCommand,
	heredocTerminator,
	patchFileBytes,
	patchFileName
} from '../../../src/lib/ui/review/patch-export.ts';
import { commitTree, git, readTree, removeDir } from '../diff/git-repo.ts';
import { everyKind, text } from './changes.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** What bash feeds `git apply` from the snippet: the same snippet with `cat` in its place. */
function heredocBody(command: string): string {
	expect(command.startsWith('git apply <<')).toBe(true);
	return execFileSync('bash', ['-c', command.replace(/^git apply/, 'cat')], { encoding: 'utf8' });
}

describe('heredocTerminator', () => {
	it('is PATCHBAY_EOF unless the patch contains it', () => {
		expect(heredocTerminator('diff --git a/x b/x\n')).toBe('PATCHBAY_EOF');
		expect(heredocTerminator('+PATCHBAY_EOF\n')).toBe('PATCHBAY_EOF_1');
		expect(heredocTerminator('+PATCHBAY_EOF\nPATCHBAY_EOF_1\n')).toBe('PATCHBAY_EOF_2');
	});
});

describe('gitApplyCommand', () => {
	it('is a quoted here-document of the patch', () => {
		expect(gitApplyCommand('a\n')).toBe("git apply <<'PATCHBAY_EOF'\na\nPATCHBAY_EOF\n");
	});

	it('gives bash exactly the patch, even one that contains the terminator and $vars', () => {
		const changes = [
			...everyKind(),
			{
				path: 'tricky.sh',
				before: null,
				after: text('PATCHBAY_EOF\n$HOME `id` \\n\n\'"\nPATCHBAY_EOF_1\n')
			}
		];
		const patch = formatPatch(changes);
		const command = gitApplyCommand(patch);
		expect(command.split('\n')[0]).toBe("git apply <<'PATCHBAY_EOF_2'");
		expect(heredocBody(command)).toBe(patch);
	});
});

describe('patchFileName', () => {
	it('names the file after the task', () => {
		expect(patchFileName('Fix the login bug!')).toBe('patchbay-fix-the-login-bug.patch');
		expect(patchFileName('Crème brûlée: add recipes/çà')).toBe(
			'patchbay-creme-brulee-add-recipes-ca.patch'
		);
		expect(patchFileName('日本語')).toBe('patchbay-changes.patch');
		expect(patchFileName('a'.repeat(59) + ' b c')).toBe(`patchbay-${'a'.repeat(59)}.patch`);
	});
});

describe('a patch with text that is not UTF-8', () => {
	const latin1 = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));
	const before: SandboxFile[] = [
		{ path: 'latin1.txt', mode: '100644', bytes: latin1('caf\xe9\r\nna\xefve\r\n') },
		{ path: 'utf8.txt', mode: '100644', bytes: text('crème\n') }
	];
	const changes: FileChange[] = [
		{ path: 'latin1.txt', before: before[0]!.bytes, after: latin1('caf\xe9\r\nna\xefve \xff\r\n') },
		{ path: 'utf8.txt', before: before[1]!.bytes, after: text('brûlée\n') }
	];
	const want = [
		{ path: 'latin1.txt', hex: Buffer.from(changes[0]!.after!).toString('hex') },
		{ path: 'utf8.txt', hex: Buffer.from(changes[1]!.after!).toString('hex') }
	];
	const tree = (dir: string) =>
		readTree(dir).map((f) => ({ path: f.path, hex: Buffer.from(f.bytes).toString('hex') }));

	it('downloads as the bytes git apply turns into the edited files', () => {
		const dir = commitTree(before);
		dirs.push(dir);
		const bytes = patchFileBytes(formatPatch(changes));
		expect(Buffer.from(bytes).includes(Buffer.from('na\xefve \xff\r\n', 'latin1'))).toBe(true);
		git(dir, ['apply', '--check', '-'], bytes);
		git(dir, ['apply', '-'], bytes);
		expect(tree(dir)).toEqual(want);
	});

	it('copies as a base64 command that bash runs into the same files', () => {
		const dir = commitTree(before);
		dirs.push(dir);
		const command = gitApplyCommand(formatPatch(changes));
		expect(command.split('\n')[0]).toBe("base64 --decode <<'PATCHBAY_EOF' | git apply");
		// A clipboard holds text: the command itself must be plain ASCII.
		expect(/^[\x20-\x7e\n]*$/.test(command)).toBe(true);
		execFileSync('bash', ['-c', command], { cwd: dir });
		expect(tree(dir)).toEqual(want);
	});

	it('copies a text file with a NUL past byte 8000 (text to git) through base64 too', () => {
		const dir = commitTree(before);
		dirs.push(dir);
		const late = text(`${'x'.repeat(8100)}\0 tail\n`);
		const command = gitApplyCommand(
			formatPatch([{ path: 'late-nul.txt', before: null, after: late }])
		);
		expect(command.split('\n')[0]).toBe("base64 --decode <<'PATCHBAY_EOF' | git apply");
		execFileSync('bash', ['-c', command], { cwd: dir });
		const written = readTree(dir).find((f) => f.path === 'late-nul.txt');
		expect(Buffer.from(written!.bytes).equals(Buffer.from(late))).toBe(true);
	});
});
