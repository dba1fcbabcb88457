import { parse } from 'diff2html';
import { describe, expect, it } from 'vitest';
import { diffStats, formatPatch } from '../../../src/lib/core/diff/index.ts';
import { quotePath } from '../../../src/lib/core/diff/quote-path.ts';
import { splitPatch } from '../../../src/lib/ui/review/patch-sections.ts';
import { reviewFiles, segmentText, splitHunk } from '../../../src/lib/ui/review/review-files.ts';
import { unquotePath } from '../../../src/lib/ui/review/unquote-path.ts';
import { everyKind, numbered, text } from './changes.ts';

/** Every line diff2html shows for a patch, with its numbers: an independent parser's view. */
function shownLines(patch: string) {
	return parse(patch).flatMap((file) =>
		file.blocks.flatMap((block) =>
			block.lines.map((line) => [line.type, line.oldNumber, line.newNumber, line.content])
		)
	);
}

describe('splitPatch', () => {
	it('finds each section with its paths, status and counts', () => {
		const sections = splitPatch(formatPatch(everyKind()));
		expect(
			sections.map(({ path, oldPath, status, binary, additions, deletions, hunks }) => ({
				path,
				...(oldPath === undefined ? {} : { oldPath }),
				status,
				binary,
				additions,
				deletions,
				hunks: hunks.length
			}))
		).toEqual([
			{
				path: 'two-hunks.txt',
				status: 'modified',
				binary: false,
				additions: 1,
				deletions: 2,
				hunks: 2
			},
			{
				path: 'added file.txt',
				status: 'added',
				binary: false,
				additions: 1,
				deletions: 0,
				hunks: 1
			},
			{ path: 'gone.txt', status: 'deleted', binary: false, additions: 0, deletions: 2, hunks: 1 },
			{ path: 'run.sh', status: 'mode', binary: false, additions: 0, deletions: 0, hunks: 0 },
			{
				path: 'new name.txt',
				oldPath: 'old name.txt',
				status: 'renamed',
				binary: false,
				additions: 0,
				deletions: 0,
				hunks: 0
			},
			{
				path: 'src/moved.ts',
				oldPath: 'lib/moved.ts',
				status: 'renamed',
				binary: false,
				additions: 1,
				deletions: 1,
				hunks: 1
			},
			{ path: 'image.png', status: 'added', binary: true, additions: 0, deletions: 0, hunks: 0 },
			{ path: 'blob.bin', status: 'modified', binary: true, additions: 0, deletions: 0, hunks: 0 },
			// A symlink that became a file: git writes a deletion and an addition.
			{
				path: 'link-to-file',
				status: 'deleted',
				binary: false,
				additions: 0,
				deletions: 1,
				hunks: 1
			},
			{
				path: 'link-to-file',
				status: 'added',
				binary: false,
				additions: 1,
				deletions: 0,
				hunks: 1
			},
			{
				path: 'café "quoted"\ttab.txt',
				status: 'modified',
				binary: false,
				additions: 1,
				deletions: 1,
				hunks: 1
			},
			{
				path: 'no-eol.txt',
				status: 'modified',
				binary: false,
				additions: 1,
				deletions: 1,
				hunks: 1
			}
		]);
	});

	it('keeps modes, and the "no newline" marker inside its hunk', () => {
		const sections = splitPatch(formatPatch(everyKind()));
		expect(sections.find((s) => s.path === 'run.sh')).toMatchObject({
			oldMode: '100644',
			newMode: '100755'
		});
		expect(sections.at(-1)!.hunks[0]!.lines).toEqual([
			' first',
			'-last',
			'\\ No newline at end of file',
			'+last!',
			'\\ No newline at end of file'
		]);
	});

	it('ignores text before the first section and blank lines after the last', () => {
		const patch = formatPatch(everyKind().slice(0, 1));
		expect(splitPatch(`From abc\nSubject: x\n\n${patch}\n\n`)).toEqual(splitPatch(patch));
	});
});

describe('reviewFiles', () => {
	it('gives the stats diffStats gives, even without them', () => {
		const changes = everyKind();
		const stats = diffStats(changes);
		const patch = formatPatch(changes);
		expect(reviewFiles(patch).map((file) => file.stat)).toEqual(stats);
		expect(reviewFiles(patch, stats).map((file) => file.stat)).toEqual(stats);
	});

	it('says what a section without lines is', () => {
		const files = reviewFiles(formatPatch(everyKind()));
		expect(
			Object.fromEntries(files.filter((f) => f.notes.length).map((f) => [f.path, f.notes]))
		).toEqual({
			'run.sh': ['Mode changed from 100644 to 100755.'],
			'new name.txt': ['Renamed from old name.txt without changes.'],
			'src/moved.ts': ['Renamed from lib/moved.ts (94% similar).'],
			'link-to-file': ['Symbolic link to elsewhere deleted.'],
			'image.png': ['Binary file not shown.'],
			'blob.bin': ['Binary file not shown.']
		});
		expect(files.filter((f) => f.segments.length === 0).map((f) => f.path)).toEqual([
			'run.sh',
			'new name.txt',
			'image.png',
			'blob.bin'
		]);
	});

	it('renders a small file as its own section, unchanged', () => {
		const changes = everyKind();
		const patch = formatPatch(changes);
		const files = reviewFiles(patch);
		for (const [index, change] of changes.entries()) {
			const alone = formatPatch([change]);
			const segments = files[index]!.segments;
			if (segments.length) expect(segments.map(segmentText).join('')).toBe(alone);
		}
	});

	it('cuts a long file into segments that show the same lines with the same numbers', () => {
		const before = numbered(1, 2000);
		let after = before;
		for (let n = 1; n <= 2000; n += 7) after = after.replace(`line ${n}\n`, `line ${n} edited\n`);
		const change = { path: 'big.txt', before: text(before), after: text(after) };
		const patch = formatPatch([change]);
		const [file] = reviewFiles(patch, [], 100);
		expect(file!.segments.length).toBeGreaterThan(20);
		expect(file!.segments.flatMap((segment) => shownLines(segmentText(segment)))).toEqual(
			shownLines(patch)
		);
		for (const segment of file!.segments) {
			expect(
				splitPatch(segmentText(segment))[0]!.hunks.flatMap((h) => h.lines).length
			).toBeLessThanOrEqual(150);
		}
	});

	it('estimates the rows diff2html draws in each layout', () => {
		const change = {
			path: 'a.txt',
			before: text('a\nb\nc\nd\n'),
			after: text('a\nB\nC\nX\nd\n')
		};
		const [file] = reviewFiles(formatPatch([change]));
		// header + a + (b,c vs B,C,X: 3 paired rows) + d; unified: header + a + 2 − + 3 + + d
		expect(file!.segments[0]!.rows).toEqual({ split: 6, unified: 8 });
	});
});

describe('splitHunk', () => {
	it('cuts where a context line starts or ends, so − and + runs stay paired', () => {
		const hunk = {
			oldStart: 10,
			newStart: 12,
			heading: 'fn',
			lines: [' a', '-b', '-c', '+B', '+C', ' d', ' e', '-f', '+F', ' g']
		};
		expect(splitHunk(hunk, 3)).toEqual([
			{ oldStart: 10, newStart: 12, heading: 'fn', lines: [' a', '-b', '-c', '+B', '+C'] },
			{ oldStart: 13, newStart: 15, heading: 'fn', lines: [' d', ' e', '-f', '+F'] },
			{ oldStart: 16, newStart: 18, heading: 'fn', lines: [' g'] }
		]);
	});
});

describe('unquotePath', () => {
	it('reverses git quoting', () => {
		for (const name of [
			'plain.txt',
			'sp ace',
			'café',
			'tab\there',
			'quo"te\\slash',
			'nl\nx',
			'日本/語.ts',
			'😀'
		]) {
			expect(unquotePath(quotePath(name))).toBe(name);
		}
	});
});

describe('splitHunk of one long run', () => {
	it('cuts a run far longer than the limit anyway, numbering each piece', () => {
		const lines = Array.from({ length: 10 }, (_, i) => `+${i + 1}`);
		const pieces = splitHunk({ oldStart: 1, newStart: 1, heading: '', lines }, 4);
		expect(pieces.map((p) => [p.newStart, p.lines.length])).toEqual([
			[1, 6],
			[7, 4]
		]);
	});
});
