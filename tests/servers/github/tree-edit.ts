// POST /git/trees semantics: start from `base_tree` (or nothing), apply each entry in order at its
// possibly nested path — set it, or delete it when `sha` is null — and write every directory
// that changed with `git mktree`. A directory left empty disappears, as git cannot hold one.
import { gitText } from './git-cli.ts';
import { lsTree } from './git-objects.ts';

export type TreeEdit = { path: string; mode: string; type: string; sha: string | null };

type Leaf = { kind: 'leaf'; mode: string; type: string; sha: string };
type Dir = { kind: 'dir'; children: Map<string, Leaf | Dir> };

async function loadDir(gitDir: string, sha: string): Promise<Dir> {
	const children = new Map<string, Leaf | Dir>();
	for (const entry of await lsTree(gitDir, sha)) {
		children.set(entry.path, { kind: 'leaf', mode: entry.mode, type: entry.type, sha: entry.sha });
	}
	return { kind: 'dir', children };
}

/**
 * The directory at `names`, reading subtrees from git on the way down. With `create`, missing
 * directories are made and a file standing where a directory must go is replaced by one;
 * without it (a deletion) a missing directory means there is nothing to delete.
 */
async function descend(
	gitDir: string,
	root: Dir,
	names: string[],
	create: boolean
): Promise<Dir | null> {
	let dir = root;
	for (const name of names) {
		const child = dir.children.get(name);
		let next: Dir;
		if (child?.kind === 'dir') next = child;
		else if (child?.kind === 'leaf' && child.type === 'tree')
			next = await loadDir(gitDir, child.sha);
		else if (create) next = { kind: 'dir', children: new Map() };
		else return null;
		dir.children.set(name, next);
		dir = next;
	}
	return dir;
}

/** Writes `dir` and the directories below it; null when it ended up empty. */
async function writeDir(gitDir: string, dir: Dir): Promise<string | null> {
	const records: string[] = [];
	for (const [name, node] of dir.children) {
		if (node.kind === 'leaf') {
			records.push(`${node.mode} ${node.type} ${node.sha}\t${name}`);
			continue;
		}
		const sha = await writeDir(gitDir, node);
		if (sha !== null) records.push(`040000 tree ${sha}\t${name}`);
	}
	if (records.length === 0) return null;
	// mktree sorts the entries into git's order itself.
	return gitText(gitDir, ['mktree', '-z'], { input: records.join('\0') + '\0' });
}

/** Applies `edits` to `baseTree` (null: an empty tree) and returns the new root tree's sha. */
export async function applyTreeEdits(
	gitDir: string,
	baseTree: string | null,
	edits: TreeEdit[]
): Promise<string> {
	const root: Dir = baseTree
		? await loadDir(gitDir, baseTree)
		: { kind: 'dir', children: new Map() };
	for (const edit of edits) {
		const names = edit.path.split('/');
		const name = names.pop() ?? '';
		const dir = await descend(gitDir, root, names, edit.sha !== null);
		if (edit.sha === null) dir?.children.delete(name);
		else dir?.children.set(name, { kind: 'leaf', mode: edit.mode, type: edit.type, sha: edit.sha });
	}
	return (await writeDir(gitDir, root)) ?? gitText(gitDir, ['mktree', '-z'], { input: '' });
}
