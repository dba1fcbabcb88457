import { describe, expect, it } from 'vitest';
import { blobOidSync, type FileChange } from '../../../src/lib/core/diff/index.ts';
import type { Baseline } from '../../../src/lib/core/git/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/lite.ts';
import { attemptChanges } from '../../../src/lib/core/run/index.ts';

const encoder = new TextEncoder();
const original = encoder.encode('one\ntwo\n');

async function editedSandbox() {
	const sandbox = createLiteSandbox({ root: '/work/attempt-changes' });
	await sandbox.writeTree([{ path: 'a.txt', mode: '100644', data: original }]);
	await sandbox.writeFile('a.txt', encoder.encode('one\n2\n'));
	await sandbox.writeFile('b.txt', encoder.encode('new\n'));
	const oid = blobOidSync(original);
	const baseline: Baseline = {
		commit: 'c'.repeat(40),
		tree: 't'.repeat(40),
		branch: 'main',
		entries: [{ path: 'a.txt', mode: '100644', oid }],
		skipped: []
	};
	return { sandbox, baseline, readBaseline: async () => original };
}

describe('attemptChanges', () => {
	it('formats the patch in place by default', async () => {
		const { sandbox, baseline, readBaseline } = await editedSandbox();
		const result = await attemptChanges(sandbox, baseline, readBaseline);
		expect(result.changes.map((change) => change.path).sort()).toEqual(['a.txt', 'b.txt']);
		expect(result.patch).toContain('diff --git a/a.txt b/a.txt');
		expect(result.patch).toContain('+2');
		expect(result.stats.reduce((n, stat) => n + stat.additions, 0)).toBe(2);
	});

	it('hands the changes to the given formatter (the page passes its Worker)', async () => {
		const { sandbox, baseline, readBaseline } = await editedSandbox();
		const seen: FileChange[][] = [];
		const result = await attemptChanges(sandbox, baseline, readBaseline, {
			format: async (changes) => {
				seen.push(changes);
				return { patch: 'from the worker', stats: [] };
			}
		});
		expect(seen).toHaveLength(1);
		expect(seen[0]).toBe(result.changes);
		expect(result.patch).toBe('from the worker');
	});
});
