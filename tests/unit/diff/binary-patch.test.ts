// Binary patch hunks against the real `git diff --binary`: the literal/delta choice, git's delta
// (diff-delta.c) and zlib's deflate bytes, on generated pairs and on the corpus's images; and the
// exported patch of binary changes applied by `git apply`, forwards and in reverse.
import fc from 'fast-check';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPatch } from '../../../src/lib/core/diff/binary-patch.ts';
import { createDelta } from '../../../src/lib/core/diff/git-delta.ts';
import {
	blobOidSync,
	detectChanges,
	formatPatch,
	readerFromFiles,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { corpusAvailable, openCorpus, type CorpusRepo } from '../corpus/corpus-repo.ts';
import { applyDelta, decodeBase85Lines } from './binary-bytes.ts';
import { git, removeDir, tempDir } from './git-repo.ts';

let repo = '';
beforeAll(() => {
	repo = tempDir('patchbay-binary-');
	git(repo, ['init', '-q']);
});
afterAll(() => removeDir(repo));

/** git's `GIT binary patch` body for two blobs, from that line to the end of the section. */
function gitBody(dir: string, before: Uint8Array, after: Uint8Array): string {
	const a = git(dir, ['hash-object', '-w', '--stdin'], before).trim();
	const b = git(dir, ['hash-object', '-w', '--stdin'], after).trim();
	return bodyOf(git(dir, ['diff', '--binary', '--full-index', a, b]));
}

function bodyOf(section: string): string {
	const at = section.indexOf('GIT binary patch\n');
	if (at < 0) throw new Error(`not a binary section:\n${section.slice(0, 300)}`);
	return section.slice(at);
}

/** The two hunks' headers (`literal n` / `delta n`), to say which way git went. */
const headers = (body: string) =>
	body
		.split('\n\n')
		.map((hunk) => hunk.replace('GIT binary patch\n', '').split('\n')[0])
		.filter(Boolean);

/** Deterministic bytes (a small LCG), binary from the first byte so git never diffs them as text. */
function bytes(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	let state = seed >>> 0;
	for (let i = 0; i < length; i++) {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		out[i] = state >>> 24;
	}
	if (length) out[0] = 0;
	return out;
}

const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
};

/** Text-like binary: a NUL, then a repeating short vocabulary that deflates well. */
function wordy(length: number, seed: number): Uint8Array {
	const words = ['alpha ', 'beta ', 'gamma\n', 'delta ', 'epsilon ', '\0'];
	let text = '';
	let state = seed;
	while (text.length < length) {
		state = (state * 31 + 7) % 1009;
		text += words[state % words.length];
	}
	return concat(new Uint8Array([0]), new TextEncoder().encode(text.slice(0, length - 1)));
}

/**
 * 300 units of a common 16-byte block, then a byte they share and 15 of their own: every window
 * ending on the shared byte is the same, so one hash bucket gets 300 entries, of which git keeps
 * 64 spread evenly. The target has units cut short (too short for any other window to find),
 * so each is a copy only where git kept its entry.
 */
const common = bytes(16, 20);
const unit = (k: number) => concat(common, new Uint8Array([9]), bytes(15, 100 + k));
const bucketSource = concat(...Array.from({ length: 300 }, (_, k) => unit(k)));
const bucketTarget = concat(
	...[0, 3, 101, 150, 151, 152, 203, 260, 299].map((k) =>
		concat(bytes(7, 500 + k), unit(k).subarray(0, 27), bytes(9, 600 + k))
	)
);

const base = bytes(5000, 1);
const big = bytes(150_000, 2);
const PAIRS: Array<[string, Uint8Array, Uint8Array]> = [
	['random, unrelated', bytes(3000, 3), bytes(3100, 4)],
	['appended', base, concat(base, bytes(700, 5))],
	[
		'inserted in the middle',
		base,
		concat(base.subarray(0, 2500), bytes(40, 6), base.subarray(2500))
	],
	['shifted by 3 bytes', base, concat(bytes(3, 7), base)],
	['a few bytes overwritten', base, concat(base.subarray(0, 100), bytes(5, 8), base.subarray(105))],
	['cut out', base, concat(base.subarray(0, 1000), base.subarray(3000))],
	['blocks moved around', base, concat(base.subarray(3000), base.subarray(0, 3000))],
	['over 64 KiB, appended to (copies split at 0x10000)', big, concat(big, bytes(100, 9))],
	[
		'over 64 KiB, edited in the middle',
		big,
		concat(big.subarray(0, 90_000), bytes(64, 10), big.subarray(90_000))
	],
	['empty before', new Uint8Array(), base],
	['empty after', base, new Uint8Array()],
	['tiny (under one 16-byte window)', new Uint8Array([0, 1, 2]), new Uint8Array([0, 1, 2, 3, 4])],
	['one byte each', new Uint8Array([0]), new Uint8Array([1])],
	['deflates well, edited', wordy(20_000, 1), concat(wordy(20_000, 1), wordy(300, 2))],
	['deflates well, rewritten', wordy(20_000, 1), wordy(20_000, 3)],
	// Many equal blocks apart from each other fill one hash bucket past git's limit of 64.
	['a full hash bucket (one window in 300 places)', bucketSource, bucketTarget],
	// Equal blocks next to each other: git keeps only the lowest of a run.
	[
		'runs of one block',
		new Uint8Array(4096).fill(7),
		concat(new Uint8Array([0]), new Uint8Array(5000).fill(7))
	],
	[
		'inserts longer than 127 bytes',
		base,
		concat(base.subarray(0, 10), bytes(400, 14), base.subarray(10))
	]
];

describe('binaryPatch against git diff --binary', () => {
	it.each(PAIRS)('%s', (_, before, after) => {
		expect(binaryPatch(before, after)).toBe(gitBody(repo, before, after));
	});

	it('takes git’s delta where it is smaller and the literal where it is not', () => {
		const kinds = PAIRS.map(([name, before, after]) => [name, headers(binaryPatch(before, after))]);
		const kindOf = (name: string) => kinds.find(([n]) => n === name)![1];
		expect(kindOf('appended')).toEqual([
			`delta ${deltaLength(base, concat(base, bytes(700, 5)))}`,
			expect.stringMatching(/^delta /)
		]);
		expect(kindOf('random, unrelated')).toEqual(['literal 3100', 'literal 3000']);
		expect(kindOf('empty before')).toEqual(['literal 5000', 'literal 0']);
		expect(kindOf('empty after')).toEqual(['literal 0', 'literal 5000']);
	});

	it('gives git’s bytes for random edits of random content', () => {
		const edit = fc.record({
			at: fc.nat(),
			cut: fc.nat({ max: 600 }),
			insert: fc.uint8Array({ maxLength: 300 })
		});
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6000 }),
				fc.nat(),
				fc.array(edit, { maxLength: 4 }),
				(length, seed, edits) => {
					const before = bytes(length, seed);
					let after = before;
					for (const { at, cut, insert } of edits) {
						const start = at % (after.length + 1);
						after = concat(after.subarray(0, start), insert, after.subarray(start + cut));
					}
					fc.pre(Buffer.compare(before, after) !== 0);
					expect(binaryPatch(before, after)).toBe(gitBody(repo, before, after));
				}
			),
			{ numRuns: 60 }
		);
	});
});

function deltaLength(before: Uint8Array, after: Uint8Array): number {
	return createDelta(before, after)!.length;
}

describe('createDelta', () => {
	it.each(PAIRS.filter(([, before, after]) => before.length && after.length))(
		'rebuilds the target: %s',
		(_, before, after) => {
			expect(applyDelta(before, createDelta(before, after)!)).toEqual(after);
		}
	);

	it('is the delta inside git’s own delta hunk', () => {
		const before = base;
		const after = concat(base.subarray(0, 2500), bytes(40, 6), base.subarray(2500));
		const hunk = gitBody(repo, before, after).split('\n\n')[0]!.split('\n');
		expect(hunk[1]).toMatch(/^delta \d+$/);
		const deflated = decodeBase85Lines(hunk.slice(2));
		// Node's inflate reads git's hunk back, independently of the deflate under test.
		const inflated = new Uint8Array(inflateSync(deflated));
		expect(createDelta(before, after)).toEqual(inflated);
	});

	it('gives none over the size limit or with an empty side', () => {
		const after = concat(base, bytes(700, 5));
		const full = createDelta(base, after)!;
		expect(createDelta(base, after, full.length)).toEqual(full);
		expect(createDelta(base, after, full.length - 1)).toBeNull();
		expect(createDelta(new Uint8Array(), after)).toBeNull();
		expect(createDelta(base, new Uint8Array())).toBeNull();
	});
});

describe('exported patches of binary changes', () => {
	it('apply with git apply, forwards and in reverse', async () => {
		const dir = tempDir('patchbay-binary-apply-');
		try {
			const before: SandboxFile[] = PAIRS.map(([, b], i) => ({
				path: `f${i}.bin`,
				mode: '100644',
				bytes: b
			}));
			const after: SandboxFile[] = PAIRS.map(([, , a], i) => ({
				path: `f${i}.bin`,
				mode: '100644',
				bytes: a
			}));
			const blobs = new Map(before.map((file) => [blobOidSync(file.bytes), file.bytes]));
			const baseline = {
				entries: before.map(({ path, mode, bytes: b }) => ({ path, mode, oid: blobOidSync(b) }))
			};
			const changes = await detectChanges(baseline, readerFromFiles(after), async (oid) =>
				blobs.get(oid)!
			);
			const patch = formatPatch(changes);
			expect(patch).toContain('\ndelta ');
			git(dir, ['init', '-q']);
			const tree = (files: SandboxFile[]) => {
				const rows = files.map((file) => {
					const oid = git(dir, ['hash-object', '-w', '--stdin'], file.bytes).trim();
					return `${file.mode} blob ${oid}\t${file.path}\n`;
				});
				return git(dir, ['mktree'], rows.join('')).trim();
			};
			const [treeBefore, treeAfter] = [tree(before), tree(after)];
			git(dir, ['read-tree', treeBefore]);
			git(dir, ['apply', '--cached', '-'], patch);
			expect(git(dir, ['write-tree']).trim()).toBe(treeAfter);
			git(dir, ['apply', '--cached', '-R', '-'], patch);
			expect(git(dir, ['write-tree']).trim()).toBe(treeBefore);
		} finally {
			removeDir(dir);
		}
	});
});

describe('the corpus’s binary files', () => {
	let chalk: CorpusRepo | undefined;
	afterAll(() => chalk?.dispose());

	it.skipIf(!corpusAvailable('chalk'))(
		'every change to chalk’s images, in both directions, is git’s body',
		() => {
			chalk = openCorpus('chalk');
			const rows = chalk
				.git(['log', '--all', '--format=', '--raw', '--no-abbrev', '--', '*.png'])
				.toString()
				.split('\n')
				.filter((line) => line.startsWith(':'))
				// A pure rename keeps the blob: no binary hunk to compare.
				.filter((line) => line.split(/\s+/)[2] !== line.split(/\s+/)[3]);
			let deltas = 0;
			for (const row of rows) {
				const [, , oldOid, newOid] = row.slice(1).split(/\s+/);
				const read = (oid: string) => (/^0+$/.test(oid) ? new Uint8Array() : chalk!.blob(oid));
				const [before, after] = [read(oldOid!), read(newOid!)];
				const body = binaryPatch(before, after);
				expect(body).toBe(gitBody(chalk.dir, before, after));
				expect(binaryPatch(after, before)).toBe(gitBody(chalk.dir, after, before));
				if (body.includes('\ndelta ')) deltas++;
			}
			expect(rows.length).toBeGreaterThanOrEqual(6);
			expect(deltas).toBeGreaterThan(0);
		},
		60_000
	);
});
