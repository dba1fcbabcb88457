// Hunk headings as git prints them: the line above cut to 80 bytes, then the header cut at its
// first sequence that is not valid UTF-8 (diff.c's sane_truncate_line), compared with the
// real git's `@@` lines for the same files, one char a byte and as text.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { headingFinder } from '../../../src/lib/core/diff/hunk-heading.ts';
import { git, removeDir, tempDir } from './git-repo.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const HEADINGS: Array<[string, Buffer]> = [
	['latin1', Buffer.from('Rcaf\xe9 au lait', 'latin1')],
	['cut-cjk', Buffer.from(`README 文档介绍了选项的声明与使用。大多数情况下，选项的选项的选项的`)],
	['cut-at-80', Buffer.concat([Buffer.from(`R${'a'.repeat(78)}`), Buffer.from('文 more')])],
	['space-before-invalid', Buffer.from('Rcafé \xed\xa0\x80 surrogate', 'latin1')],
	['overlong', Buffer.from('Rcaf\xc0\xaf overlong', 'latin1')],
	['too-big', Buffer.from('Rcaf\xf4\x90\x80\x80 big', 'latin1')],
	['nonchar', Buffer.from([...Buffer.from('Rcaf'), 0xef, 0xbf, 0xbe, ...Buffer.from(' x')])],
	['trailing-space', Buffer.from(`R${'b'.repeat(70)}         tail`)],
	['plain', Buffer.from('function main() {')]
];
const BODY = '1\n2\n3\n4\n5\n6\n7\n';

describe('hunk headings against git', () => {
	const dir = tempDir('patchbay-heading-');
	afterAll(() => removeDir(dir));
	git(dir, ['init', '-q']);
	for (const [name, heading] of HEADINGS) {
		writeFileSync(`${dir}/${name}.txt`, Buffer.concat([heading, Buffer.from(`\n${BODY}`)]));
	}
	git(dir, ['add', '-A']);
	for (const [name, heading] of HEADINGS) {
		writeFileSync(
			`${dir}/${name}.txt`,
			Buffer.concat([heading, Buffer.from(`\n${BODY.replace('6\n', 'X\n')}`)])
		);
	}

	it.each(HEADINGS.map(([name, heading]) => [name, heading] as const))('%s', (name, heading) => {
		const out = spawnSync('git', ['diff', '--', `${name}.txt`], { cwd: dir }).stdout;
		const header = latin1(out)
			.split('\n')
			.find((line) => line.startsWith('@@'))!;
		const real = header.slice(header.indexOf('@@', 2) + 3);
		const lines = [latin1(heading), ...BODY.split('\n')];
		expect(headingFinder(lines, true)(4)).toBe(real);
		const text = new TextDecoder().decode(heading);
		if (!text.includes('\uFFFD')) {
			expect(latin1(Buffer.from(headingFinder([text, ...BODY.split('\n')])(4)))).toBe(real);
		}
	});
});
