import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffStats, formatPatch } from '../../../src/lib/core/diff/index.ts';
import { commitTree, git, readTree, removeDir } from './git-repo.ts';

const encoder = new TextEncoder();
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** 100,000 lines of real source, repeated: many duplicate lines, as in real code. */
function bigSource(): string[] {
	const source = readFileSync('src/lib/core/diff/compact.ts', 'utf8').split(/(?<=\n)/);
	return Array.from({ length: 100_000 }, (_, i) => source[i % source.length]!);
}

/** A deterministic scatter of 300 deletions, insertions and replacements. */
function scatterEdits(lines: string[]): string[] {
	const out = lines.slice();
	let seed = 7;
	const next = (range: number) => (seed = (seed * 48271) % 2147483647) % range;
	for (let edit = 0; edit < 300; edit++) {
		const at = next(out.length);
		const kind = next(3);
		if (kind === 0) out.splice(at, 1 + next(3));
		else if (kind === 1) out.splice(at, 0, `// inserted ${edit}\n`, '}\n');
		else out[at] = `\tchanged(${edit});\n`;
	}
	out[out.length - 1] = out[out.length - 1]!.replace(/\n$/, '');
	return out;
}

describe('a 100,000-line file', () => {
	it('with scattered edits diffs into a patch git applies exactly', () => {
		const lines = bigSource();
		const before = encoder.encode(lines.join(''));
		const after = encoder.encode(scatterEdits(lines).join(''));
		const change = { path: 'big.js', before, after, beforeMode: '100644', afterMode: '100644' };
		const started = performance.now();
		const patch = formatPatch([change]);
		const elapsed = performance.now() - started;
		const [stats] = diffStats([change]);
		console.log(
			`100,000-line file, 300 scattered edits: formatPatch ${elapsed.toFixed(0)} ms, ` +
				`+${stats!.additions} -${stats!.deletions}, patch ${patch.length} chars`
		);
		const dir = commitTree([{ path: 'big.js', mode: '100644', bytes: before }]);
		dirs.push(dir);
		writeFileSync(join(dir, '.git', 'p.patch'), patch);
		git(dir, ['apply', '--index', '--whitespace=nowarn', '.git/p.patch']);
		expect(readTree(dir)).toEqual([{ path: 'big.js', mode: '100644', bytes: after }]);
		// Same line counts as git's own diff of the two files.
		const numstat = git(dir, ['diff', '--cached', '--numstat']).trim();
		expect(numstat).toBe(`${stats!.additions}\t${stats!.deletions}\tbig.js`);
	});
});
