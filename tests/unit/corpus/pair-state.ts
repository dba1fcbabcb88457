// One commit pair as an agent would leave it: the parent checked out (a depth-1 clone, as
// Patchbay's snapshot is) with the child's changes written into the working tree, twice over —
// a real git repository and a Lite sandbox whose baseline is the parent.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
		cloneThenEdit(corpus, dir, parent, child);

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

/**
 * The parent checked out as a clone does it (files written from the blobs, their stat data in
 * the index, so git never re-hashes them), then the child's changes written over it as an agent
 * would: only the files that differ. A file left untouched is unchanged to git even where
 * .gitattributes would convert it (chalk's PNGs under `* text eol=lf`); a touched one is hashed
 * after conversion. The index is dated ahead so that no file written in the same second as it
 * counts as "racily clean" (git would then re-hash it).
 */
function cloneThenEdit(corpus: CorpusRepo, dir: string, parent: string, child: string): void {
	const index = join(dir, '.git/index');
	gitIn(dir, ['read-tree', parent]);
	dateAhead(index);
	gitIn(dir, ['checkout-index', '-a', '-f', '-u']);
	const before = new Map(corpus.tree(parent).map((row) => [row.path, row]));
	const after = corpus.tree(child).filter((row) => row.mode !== '160000');
	const kept = new Set(after.map((row) => row.path));
	const touched = new Date(Date.now() + 30_000);
	for (const row of before.values()) {
		if (!kept.has(row.path)) rmSync(join(dir, row.path), { recursive: true, force: true });
	}
	for (const row of after) {
		const old = before.get(row.path);
		if (old && old.oid === row.oid && old.mode === row.mode) continue;
		const target = join(dir, row.path);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(dirname(target), { recursive: true });
		const bytes = corpus.blob(row.oid);
		if (row.mode === '120000') symlinkSync(Buffer.from(bytes).toString(), target);
		else {
			writeFileSync(target, bytes, { mode: row.mode === '100755' ? 0o755 : 0o644 });
			// A different mtime, so git sees the edit even where the size and the recycled inode
			// are the same within the second (git compares whole seconds; the index is dated
			// ahead, so its "racily clean" check no longer catches it).
			utimesSync(target, touched, touched);
		}
	}
	// Touched files whose converted content is the index's are clean again, as `git status`
	// finds them after its own refresh.
	dateAhead(index);
	spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: dir });
	dateAhead(index);
}

function dateAhead(path: string): void {
	const later = new Date(Date.now() + 60_000);
	utimesSync(path, later, later);
}
