// The tree a push must leave, made by git itself: the baseline's tree with the changes applied
// in a scratch index. A forge's commit is compared with it whole (ids, so modes and bytes too).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';

export function expectedTree(gitDir: string, base: string, changes: readonly FileChange[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'forge-expected-'));
	const env = { ...process.env, GIT_INDEX_FILE: join(dir, 'index') };
	const git = (args: string[], input?: Uint8Array) =>
		execFileSync('git', ['--git-dir', gitDir, ...args], { env, input, encoding: 'utf8' }).trim();
	try {
		git(['read-tree', base]);
		for (const c of changes) {
			if (c.oldPath || c.after === null)
				git(
					['update-index', '--index-info'],
					new TextEncoder().encode(`0 ${'0'.repeat(40)}\t${c.oldPath ?? c.path}\n`)
				);
			if (c.after !== null) {
				const sha = git(['hash-object', '-w', '--stdin'], c.after);
				const mode = c.afterMode ?? c.beforeMode ?? '100644';
				git(['update-index', '--add', '--cacheinfo', `${mode},${sha},${c.path}`]);
			}
		}
		return git(['write-tree']);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
