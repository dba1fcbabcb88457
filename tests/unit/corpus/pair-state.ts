// One commit pair as an agent would leave it: the parent checked out (a depth-1 clone, as
// Patchbay's snapshot is) with the child's files in the working tree, twice over — a real git
// repository and a Lite sandbox whose baseline is the parent.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxFile } from '../../../src/lib/core/diff/index.ts';
import type { Baseline } from '../../../src/lib/core/git/index.ts';
import {
	createLiteSandbox,
	liteCommands,
	type CommitInfo,
	type Sandbox
} from '../../../src/lib/core/sandbox/index.ts';
import { removeDir, tempDir } from '../diff/git-repo.ts';
import { gitIn, type CorpusRepo } from './corpus-repo.ts';

export const ROOT = '/work/repo';

export type PairState = {
	parent: string;
	child: string;
	/** The real repository's working tree. */
	dir: string;
	sandbox: Sandbox;
	baseline: Baseline;
	childFiles: SandboxFile[];
	commitInfo: CommitInfo;
	readBaseline(oid: string): Promise<Uint8Array>;
};

/** Reuses one real repository per corpus, rebuilt for each pair. */
export function pairBuilder(corpus: CorpusRepo) {
	const dir = tempDir(`patchbay-pair-${corpus.name}-`);
	gitIn(dir, ['init', '-q', '-b', 'main']);
	const build = async (parent: string, child: string): Promise<PairState> => {
		resetRepo(dir);
		const objects = corpus.git(['rev-list', '--objects', '--no-object-names', '-n', '1', parent]);
		const pack = corpus.git(['pack-objects', '--stdout', '-q'], objects);
		gitIn(dir, ['index-pack', '--stdin'], pack);
		gitIn(dir, ['update-ref', 'refs/heads/main', parent]);
		writeFileSync(join(dir, '.git/shallow'), `${parent}\n`);
		checkoutFiles(corpus, child, dir);
		gitIn(dir, ['read-tree', parent]);
		spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: dir });

		const rows = corpus.tree(parent);
		const baseline: Baseline = {
			commit: parent,
			tree: corpus
				.git(['rev-parse', `${parent}^{tree}`])
				.toString()
				.trim(),
			branch: 'main',
			entries: rows
				.filter((row) => row.mode !== '160000')
				.map((row) => ({
					path: row.path,
					mode: row.mode as Baseline['entries'][0]['mode'],
					oid: row.oid
				})),
			skipped: rows
				.filter((row) => row.mode === '160000')
				.map((row) => ({ path: row.path, oid: row.oid, reason: 'submodule' as const }))
		};
		const readBaseline = async (oid: string) => corpus.blob(oid);
		const commitInfo = corpus.commitInfo(parent);
		const sandbox = createLiteSandbox({
			root: ROOT,
			commands: liteCommands({ baseline, readBaseline, commitInfo, root: ROOT })
		});
		const childFiles = corpus.files(child);
		await sandbox.writeTree(
			childFiles.map(({ path, mode, bytes }) => ({ path, mode, data: bytes }))
		);
		return { parent, child, dir, sandbox, baseline, childFiles, commitInfo, readBaseline };
	};
	return Object.assign(build, { dispose: () => removeDir(dir) });
}

/** Empties the working tree, the index, the packs and the shallow file; keeps .git itself. */
function resetRepo(dir: string): void {
	for (const name of readdirSync(dir)) {
		if (name !== '.git') rmSync(join(dir, name), { recursive: true, force: true });
	}
	const packs = join(dir, '.git/objects/pack');
	for (const name of readdirSync(packs)) rmSync(join(packs, name));
	rmSync(join(dir, '.git/index'), { force: true });
}

/** Writes a commit's files into `dir` (symlinks and exec bits as git writes them). */
export function checkoutFiles(corpus: CorpusRepo, commit: string, dir: string): void {
	const index = join(dir, '.git/corpus-index');
	const env = { GIT_INDEX_FILE: index };
	const run = (args: string[]) => {
		const result = spawnSync('git', args, { cwd: corpus.dir, env: { ...process.env, ...env } });
		if (result.status !== 0) throw new Error(result.stderr.toString());
	};
	run(['read-tree', commit]);
	run([`--work-tree=${dir}`, 'checkout-index', '-a', '-f']);
	rmSync(index, { force: true });
}
