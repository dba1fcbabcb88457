import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatPatch } from '../../../src/lib/core/diff/index.ts';
import {
	gitApplyCommand,
	heredocTerminator,
	patchFileName
} from '../../../src/lib/ui/review/patch-export.ts';
import { everyKind, text } from './changes.ts';

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
