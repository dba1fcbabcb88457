import { describe, expect, it } from 'vitest';
import { blobOidSync, type FileMode } from '../../../src/lib/core/diff/index.ts';
import type { Baseline } from '../../../src/lib/core/git/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { attemptChanges, restoreResult } from '../../../src/lib/core/run/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/lite.ts';

const text = (value: string) => new TextEncoder().encode(value);
let counter = 0;

/** A sandbox holding `files` and the baseline (commit `commit`) that describes them. */
async function prepared(files: Record<string, string>, commit: string) {
	const sandbox = createLiteSandbox({ root: `/work/restore-${counter++}` });
	const tree = Object.entries(files).map(([path, data]) => ({
		path,
		mode: '100644' as FileMode,
		data: text(data)
	}));
	await sandbox.writeTree(tree);
	const blobs = new Map(tree.map((f) => [blobOidSync(f.data), f.data]));
	const baseline: Baseline = {
		...{ commit, tree: 't'.repeat(40), branch: 'main', skipped: [] },
		entries: tree.map((f) => ({ path: f.path, mode: f.mode, oid: blobOidSync(f.data) }))
	};
	const byPath = new Map(tree.map((f) => [f.path, { bytes: f.data, mode: f.mode as string }]));
	return {
		sandbox,
		baseline,
		readBaseline: async (oid: string) => blobs.get(oid) ?? new Uint8Array(),
		target: { sandbox, commit, read: async (path: string) => byPath.get(path) ?? null }
	};
}

const start = {
	'src/sum.js':
		'export function sum(n) {\n\tlet t = 0;\n\tfor (let i = 1; i < n.length; i++) t += n[i];\n\treturn t;\n}\n',
	'README.md': '# Demo\n\nA demo.\n',
	'old-name.txt': 'moved without a change\n',
	'gone.txt': 'to be deleted\n'
};
const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);

/** What an attempt did in its sandbox, taken as the page stores it. */
async function finishedAttempt() {
	const run = await prepared(start, C1);
	await run.sandbox.writeFile('src/sum.js', text(start['src/sum.js'].replace('i = 1', 'i = 0')));
	await run.sandbox.writeFile('bin/check.sh', text('#!/bin/sh\nnpm test\n'), '100755');
	await run.sandbox.writeFile('new-name.txt', text(start['old-name.txt']));
	await run.sandbox.remove('old-name.txt');
	await run.sandbox.remove('gone.txt');
	return attemptChanges(run.sandbox, run.baseline, run.readBaseline);
}

describe('restoreResult', () => {
	it('rebuilds the sandbox on the same commit: its changes are again exactly the stored ones', async () => {
		const stored = await finishedAttempt();
		const fresh = await prepared(start, C1);
		const note = await restoreResult(
			{ baseline: { commit: C1 }, changes: stored.changes },
			fresh.target
		);
		expect(note).toBe(`Sandbox rebuilt from the stored result (${stored.changes.length} files).`);
		const again = await attemptChanges(fresh.sandbox, fresh.baseline, fresh.readBaseline);
		expect(again.patch).toBe(stored.patch);
		expect(again.stats).toEqual(stored.stats);
	});

	it('rebases onto a branch that moved on elsewhere in the files, and says so', async () => {
		const stored = await finishedAttempt();
		const moved = { ...start, 'README.md': '# Demo\n\nA demo, now documented.\n' };
		const fresh = await prepared(moved, C2);
		const note = await restoreResult(
			{ baseline: { commit: C1 }, changes: stored.changes },
			fresh.target
		);
		expect(note).toBe(
			`Sandbox rebuilt from the stored result (${stored.changes.length} files), rebased from 1111111 onto 2222222: the branch moved on.`
		);
		const again = await attemptChanges(fresh.sandbox, fresh.baseline, fresh.readBaseline);
		// The attempt's own changes, against the new head: the head's README edit is no change.
		expect(again.patch).toBe(stored.patch);
		expect(new TextDecoder().decode((await fresh.sandbox.readFile('README.md'))!)).toBe(
			moved['README.md']
		);
	});

	it('stops with a named conflict when the head changed the same lines', async () => {
		const stored = await finishedAttempt();
		const clash = { ...start, 'src/sum.js': start['src/sum.js'].replace('i = 1', 'i = 2') };
		const fresh = await prepared(clash, C2);
		const error = await restoreResult(
			{ baseline: { commit: C1 }, changes: stored.changes },
			fresh.target
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('rebuild-conflict');
		expect((error as AppError).message).toContain('src/sum.js');
	});
});
