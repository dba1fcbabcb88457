// A corpus repository (../shared/corpus/<name>.bundle) cloned bare into a temp folder, and what
// the comparison needs from it: first-parent commit pairs, a commit's files and metadata.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SandboxFile } from '../../../src/lib/core/diff/index.ts';
import type { CommitInfo } from '../../../src/lib/core/sandbox/index.ts';
import { removeDir, tempDir } from '../diff/git-repo.ts';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../../shared/corpus');

export type TreeRow = { mode: string; oid: string; path: string };

export type CorpusRepo = {
	name: string;
	/** The bare clone. */
	dir: string;
	/** [parent, child] along the first-parent line, oldest first. */
	pairs: Array<[string, string]>;
	git(args: string[], input?: string | Uint8Array): Buffer;
	tree(commit: string): TreeRow[];
	blob(oid: string): Uint8Array;
	/** The commit's files as a sandbox would get them (gitlinks left out). */
	files(commit: string): SandboxFile[];
	commitInfo(commit: string): CommitInfo;
	dispose(): void;
};

export function corpusAvailable(name: string): boolean {
	return existsSync(join(CORPUS_DIR, `${name}.bundle`));
}

export function gitIn(
	dir: string,
	args: string[],
	input?: string | Uint8Array,
	env: Record<string, string> = {}
): Buffer {
	const result = spawnSync('git', args, {
		cwd: dir,
		input,
		maxBuffer: 1 << 30,
		env: {
			...process.env,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
			LC_ALL: 'C',
			...env
		}
	});
	if (result.status !== 0) {
		throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString()}`);
	}
	return result.stdout;
}

export function openCorpus(name: string): CorpusRepo {
	const parent = tempDir(`patchbay-corpus-${name}-`);
	const dir = join(parent, `${name}.git`);
	gitIn(parent, ['clone', '-q', '--bare', join(CORPUS_DIR, `${name}.bundle`), dir]);
	const git = (args: string[], input?: string | Uint8Array) => gitIn(dir, args, input);
	const pairs: Array<[string, string]> = [];
	for (const line of git(['rev-list', '--reverse', '--first-parent', '--parents', 'HEAD'])
		.toString()
		.trim()
		.split('\n')) {
		const [child, first] = line.split(' ');
		if (child && first) pairs.push([first, child]);
	}
	const blobs = new Map<string, Uint8Array>();
	const blob = (oid: string) => {
		let bytes = blobs.get(oid);
		if (!bytes) blobs.set(oid, (bytes = new Uint8Array(git(['cat-file', 'blob', oid]))));
		return bytes;
	};
	const tree = (commit: string): TreeRow[] =>
		git(['ls-tree', '-r', '-z', '--full-tree', commit])
			.toString()
			.split('\0')
			.filter(Boolean)
			.map((row) => {
				const tab = row.indexOf('\t');
				const [mode, , oid] = row.slice(0, tab).split(' ');
				return { mode: mode!, oid: oid!, path: row.slice(tab + 1) };
			});
	return {
		name,
		dir,
		pairs,
		git,
		tree,
		blob,
		files: (commit) =>
			tree(commit)
				.filter((row) => row.mode !== '160000')
				.map((row) => ({
					path: row.path,
					mode: row.mode as SandboxFile['mode'],
					bytes: blob(row.oid)
				})),
		commitInfo: (commit) => commitInfoOf(git(['cat-file', 'commit', commit]).toString('latin1')),
		dispose: () => removeDir(parent)
	};
}

/** The raw commit's message, author and author date, as the checkout records them. */
function commitInfoOf(raw: string): CommitInfo {
	const decoded = new TextDecoder().decode(Uint8Array.from(raw, (c) => c.charCodeAt(0)));
	const split = decoded.indexOf('\n\n');
	const headers = decoded.slice(0, split);
	const message = decoded.slice(split + 2);
	const author = /^author (.*) (\d+) ([+-])(\d\d)(\d\d)$/m.exec(headers);
	if (!author) return { message };
	const offsetMin = (author[3] === '-' ? -1 : 1) * (Number(author[4]) * 60 + Number(author[5]));
	const local = new Date((Number(author[2]) + offsetMin * 60) * 1000).toISOString();
	const date = `${local.slice(0, 19)}${author[3]}${author[4]}:${author[5]}`;
	return { message, author: author[1]!, date };
}
