// Every line each commit of a repository added, read from one `git log -p` stream: the input
// of the secret scan's false-positive figures (bench/secret-scan.ts, corpus-scan.test.ts).

/** Patches with no context lines, renames detected (a renamed file adds only what changed). */
export const HISTORY_LOG_ARGS = [
	'log',
	'-p',
	'-M',
	'--no-color',
	'--no-ext-diff',
	'-U0',
	'--format=%x00%H'
];

export type AddedFile = { path: string; lines: string[] };

/** Every commit's added lines per file, from one `git log -p` stream (renames as renames). */
export function addedByCommit(log: string): Map<string, AddedFile[]> {
	const commits = new Map<string, AddedFile[]>();
	let files: AddedFile[] = [];
	let file: AddedFile | null = null;
	let inHunk = false;
	for (const line of log.split('\n')) {
		if (line.startsWith('\0')) {
			files = [];
			commits.set(line.slice(1), files);
			file = null;
		} else if (line.startsWith('diff --git ')) {
			file = null;
			inHunk = false;
		} else if (!inHunk && line.startsWith('+++ ')) {
			const path = line.slice(4);
			file = path === '/dev/null' ? null : { path: path.replace(/^b\//, ''), lines: [] };
			if (file) files.push(file);
		} else if (line.startsWith('@@')) {
			inHunk = true;
		} else if (inHunk && file && line.startsWith('+')) {
			file.lines.push(line.slice(1));
		}
	}
	return commits;
}
