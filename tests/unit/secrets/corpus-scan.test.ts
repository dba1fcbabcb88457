// The false-positive figure's fast sample: real repositories (../shared/corpus) hold no secrets,
// so every hit on them is a false positive. The HEAD trees of all three and slugify's whole
// history must scan clean; bench/secret-scan.ts prints the full figures (every commit of all).
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import { scanForSecrets } from '../../../src/lib/core/secrets/index.ts';
import { corpusAvailable, openCorpus } from '../corpus/corpus-repo.ts';
import { addedByCommit, HISTORY_LOG_ARGS } from './corpus-history.ts';

const encoder = new TextEncoder();
const repos = ['commander', 'chalk', 'slugify'];

describe('secret scan on real repositories', () => {
	for (const name of repos) {
		it.skipIf(!corpusAvailable(name))(`${name}: the HEAD tree has no findings`, () => {
			const repo = openCorpus(name);
			try {
				const files: FileChange[] = repo
					.files('HEAD')
					.map((file) => ({ path: file.path, before: null, after: file.bytes }));
				expect(files.length).toBeGreaterThan(10);
				expect(scanForSecrets(files)).toEqual([]);
			} finally {
				repo.dispose();
			}
		});
	}

	it.skipIf(!corpusAvailable('slugify'))('slugify: no line any commit added has findings', () => {
		const repo = openCorpus('slugify');
		try {
			const commits = addedByCommit(repo.git([...HISTORY_LOG_ARGS, 'HEAD']).toString('utf8'));
			const changes = [...commits.values()].flatMap((files) =>
				files.map((file) => ({
					path: file.path,
					before: null,
					after: encoder.encode(file.lines.join('\n'))
				}))
			);
			const bytes = changes.reduce((sum, change) => sum + change.after.length, 0);
			expect([commits.size, bytes > 10_000]).toEqual([
				Number(repo.git(['rev-list', '--count', 'HEAD']).toString()),
				true
			]);
			expect(scanForSecrets(changes)).toEqual([]);
		} finally {
			repo.dispose();
		}
	});
});

describe('addedByCommit', () => {
	it('reads added lines per commit and file, hunk lines that look like headers included', () => {
		const log = [
			'\0c2',
			'',
			'diff --git a/a.txt b/a.txt',
			'index 1..2 100644',
			'--- a/a.txt',
			'+++ b/a.txt',
			'@@ -1 +1,2 @@',
			'-old',
			'+new',
			'+++ looks like a header',
			'diff --git a/gone.txt b/gone.txt',
			'deleted file mode 100644',
			'--- a/gone.txt',
			'+++ /dev/null',
			'@@ -1 +0,0 @@',
			'-bye',
			'\0c1',
			'',
			'diff --git a/img.png b/img.png',
			'Binary files /dev/null and b/img.png differ',
			'diff --git a/b.md b/b.md',
			'new file mode 100644',
			'--- /dev/null',
			'+++ b/b.md',
			'@@ -0,0 +1 @@',
			'+hello'
		].join('\n');
		expect([...addedByCommit(log)]).toEqual([
			['c2', [{ path: 'a.txt', lines: ['new', '++ looks like a header'] }]],
			['c1', [{ path: 'b.md', lines: ['hello'] }]]
		]);
	});
});
