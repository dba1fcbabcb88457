import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLineArrays, splitLines } from '../../../src/lib/core/diff/line-diff.ts';
import { compareSequences } from '../../../src/lib/core/diff/myers.ts';

/** Length of a longest common subsequence, by the textbook table. */
function lcsLength<T>(a: T[], b: T[]): number {
	let row = new Array<number>(b.length + 1).fill(0);
	for (const x of a) {
		const next = [0];
		b.forEach((y, j) => next.push(x === y ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!)));
		row = next;
	}
	return row[b.length]!;
}

/** The unchanged elements of each side, in order: equal lists mean a valid alignment. */
function kept<T>(items: T[], changed: Uint8Array): T[] {
	return items.filter((_, i) => !changed[i]);
}

const smallAlphabet = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '}', ''), { maxLength: 60 });

describe('compareSequences', () => {
	it('keeps a longest common subsequence of small inputs', () => {
		fc.assert(
			fc.property(smallAlphabet, smallAlphabet, (a, b) => {
				const ids = (xs: string[]) => Int32Array.from(xs, (x) => x.charCodeAt(0) || 0);
				const { changedA, changedB } = compareSequences(ids(a), ids(b));
				expect(kept(a, changedA)).toEqual(kept(b, changedB));
				expect(kept(a, changedA).length).toBe(lcsLength(a, b));
			}),
			{ numRuns: 300 }
		);
	});

	it('stays a valid alignment past the cost cap', () => {
		const random = (seed: number) => {
			let s = seed;
			return Int32Array.from({ length: 6000 }, () => (s = (s * 48271) % 2147483647) % 5);
		};
		const a = random(1);
		const b = random(2);
		const { changedA, changedB } = compareSequences(a, b);
		expect(kept([...a], changedA)).toEqual(kept([...b], changedB));
	});
});

describe('diffLineArrays', () => {
	it('aligns lines validly and minimally, with head, tail and one-sided lines cut first', () => {
		const line = fc.constantFrom('x\n', 'y\n', '}\n', '\n', 'unique\n', 'z');
		fc.assert(
			fc.property(
				fc.array(line, { maxLength: 10 }),
				fc.array(line, { maxLength: 40 }),
				fc.array(line, { maxLength: 40 }),
				fc.array(line, { maxLength: 10 }),
				(head, a, b, tail) => {
					const oldLines = [...head, ...a, ...tail];
					const newLines = [...head, ...b, ...tail];
					const { changedA, changedB } = diffLineArrays(oldLines, newLines);
					expect(kept(oldLines, changedA)).toEqual(kept(newLines, changedB));
					expect(kept(oldLines, changedA).length).toBe(lcsLength(oldLines, newLines));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('splits text into lines that keep their endings', () => {
		expect(splitLines('a\r\nb\n\nc')).toEqual(['a\r\n', 'b\n', '\n', 'c']);
		expect(splitLines('a\n')).toEqual(['a\n']);
		expect(splitLines('')).toEqual([]);
	});
});
