// Reads of a bare repository's objects and refs, in the terms the REST API speaks.
import { git, gitText, runGit } from './git-cli.ts';

export const shaPattern = /^[0-9a-f]{40}$/;

/** Where GitHub takes "a SHA or a ref name": anything else never reaches git as an argument. */
export function isRevisionName(value: string): boolean {
	return (
		/^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) &&
		!value.includes('..') &&
		!value.endsWith('/') &&
		!value.endsWith('.lock')
	);
}

/** `sha -> type` for the shas that exist; missing ones are absent from the map. */
export async function objectTypes(gitDir: string, shas: string[]): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	const wanted = [...new Set(shas)].filter((sha) => shaPattern.test(sha));
	if (wanted.length === 0) return found;
	const out = await gitText(gitDir, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
		input: wanted.join('\n') + '\n'
	});
	for (const line of out.split('\n')) {
		const [sha, type] = line.split(' ');
		if (sha && type && type !== 'missing') found.set(sha, type);
	}
	return found;
}

export async function objectType(gitDir: string, sha: string): Promise<string | null> {
	return (await objectTypes(gitDir, [sha])).get(sha) ?? null;
}

/** Resolves a sha or ref name and peels it to a commit or a tree; null when there is none. */
export async function resolveRevision(
	gitDir: string,
	revision: string,
	peel: 'commit' | 'tree'
): Promise<string | null> {
	if (!isRevisionName(revision)) return null;
	const result = await runGit(gitDir, [
		'rev-parse',
		'--verify',
		'--quiet',
		`${revision}^{${peel}}`
	]);
	return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

export type TreeEntry = {
	mode: string;
	type: string;
	sha: string;
	size: number | null;
	path: string;
};

const lsTreeLine = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s;

/** `git ls-tree -l`; recursive listings include the subtrees themselves, as GitHub's do. */
export async function lsTree(
	gitDir: string,
	treeish: string,
	options: { recursive?: boolean; path?: string } = {}
): Promise<TreeEntry[]> {
	const args = ['--literal-pathspecs', 'ls-tree', '-z', '-l'];
	if (options.recursive) args.push('-r', '-t');
	args.push(treeish);
	if (options.path !== undefined) args.push('--', options.path);
	const out = (await git(gitDir, args)).toString('utf8');
	const entries: TreeEntry[] = [];
	for (const record of out.split('\0')) {
		const match = lsTreeLine.exec(record);
		if (!match) continue;
		const [, mode = '', type = '', sha = '', size = '-', path = ''] = match;
		entries.push({ mode, type, sha, size: size === '-' ? null : Number(size), path });
	}
	return entries;
}

export type RefRecord = { ref: string; sha: string; type: string };

/** All refs under `refs/`, sorted by name. */
export async function listRefs(gitDir: string): Promise<RefRecord[]> {
	const format = '%(objectname) %(objecttype) %(refname)';
	const out = await gitText(gitDir, ['for-each-ref', `--format=${format}`, 'refs/']);
	return out
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => {
			const [sha = '', type = '', ref = ''] = line.split(' ');
			return { ref, sha, type };
		});
}

export async function readRef(gitDir: string, ref: string): Promise<RefRecord | null> {
	return (await listRefs(gitDir)).find((record) => record.ref === ref) ?? null;
}

export async function isAncestor(
	gitDir: string,
	ancestor: string,
	descendant: string
): Promise<boolean> {
	const result = await runGit(gitDir, ['merge-base', '--is-ancestor', ancestor, descendant]);
	if (result.code > 1) throw new Error(result.stderr);
	return result.code === 0;
}

/** The branch a bare repo's HEAD names, which GitHub reports as `default_branch`. */
export async function defaultBranch(gitDir: string): Promise<string> {
	const result = await runGit(gitDir, ['symbolic-ref', '--short', 'HEAD']);
	return result.code === 0 ? result.stdout.toString('utf8').trim() : 'main';
}

export async function readBlob(gitDir: string, sha: string): Promise<Buffer> {
	return git(gitDir, ['cat-file', 'blob', sha]);
}

export async function writeBlob(gitDir: string, bytes: Buffer): Promise<string> {
	// --no-filters: the API stores bytes as sent, never line-ending-converted.
	return gitText(gitDir, ['hash-object', '-w', '--no-filters', '--stdin'], { input: bytes });
}
