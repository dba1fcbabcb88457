// Bare repositories for the fake GitHub's tests, made with the git CLI and fixed identities and
// dates so every object id is the same on every run.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const gitEnv: Record<string, string> = {
	GIT_AUTHOR_NAME: 'Ada Lovelace',
	GIT_AUTHOR_EMAIL: 'ada@example.com',
	GIT_AUTHOR_DATE: '2024-05-01T12:00:00Z',
	GIT_COMMITTER_NAME: 'Ada Lovelace',
	GIT_COMMITTER_EMAIL: 'ada@example.com',
	GIT_COMMITTER_DATE: '2024-05-01T12:00:00Z',
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_CONFIG_GLOBAL: '/dev/null'
};

/** Runs git in `cwd` (a work tree or a bare repo) and returns stdout without the last newline. */
export function gitIn(cwd: string, args: string[]): string {
	return execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv } })
		.toString('utf8')
		.replace(/\n$/, '');
}

export type FixtureFile = { content: string; kind?: 'file' | 'executable' | 'symlink' };

/** Commits `files` on the work tree's current branch. */
function commitFiles(work: string, files: Record<string, FixtureFile>, message: string): void {
	for (const [path, file] of Object.entries(files)) {
		const target = join(work, path);
		mkdirSync(dirname(target), { recursive: true });
		rmSync(target, { force: true });
		if (file.kind === 'symlink') symlinkSync(file.content, target);
		else writeFileSync(target, file.content);
		if (file.kind === 'executable') chmodSync(target, 0o755);
	}
	gitIn(work, ['add', '-A']);
	gitIn(work, ['commit', '-q', '-m', message]);
}

export type RepoSpec = {
	files: Record<string, FixtureFile>;
	/** Extra branches, each one commit on top of main adding these files. */
	branches?: Record<string, Record<string, FixtureFile>>;
};

/** Creates `<root>/<owner>/<name>.git` with main (and any extra branches); returns its path. */
export function createBareRepo(root: string, owner: string, name: string, spec: RepoSpec): string {
	const gitDir = join(root, owner, `${name}.git`);
	const work = mkdtempSync(join(tmpdir(), 'gh-fixture-'));
	try {
		gitIn(work, ['init', '-q', '-b', 'main']);
		commitFiles(work, spec.files, 'Initial commit');
		mkdirSync(gitDir, { recursive: true });
		gitIn(gitDir, ['init', '-q', '--bare', '-b', 'main']);
		gitIn(work, ['push', '-q', gitDir, 'main']);
		for (const [branch, files] of Object.entries(spec.branches ?? {})) {
			gitIn(work, ['checkout', '-q', '-b', branch, 'main']);
			commitFiles(work, files, `Work on ${branch}`);
			gitIn(work, ['push', '-q', gitDir, branch]);
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	return gitDir;
}

/** An empty bare repository: no commits, no refs. */
export function createEmptyRepo(root: string, owner: string, name: string): string {
	const gitDir = join(root, owner, `${name}.git`);
	mkdirSync(gitDir, { recursive: true });
	gitIn(gitDir, ['init', '-q', '--bare', '-b', 'main']);
	return gitDir;
}

/** The demo repository: an executable, symlinks (one dangling), nested directories. */
export const demoFiles: Record<string, FixtureFile> = {
	'README.md': { content: '# Demo\n' },
	'run.sh': { content: '#!/bin/sh\necho hi\n', kind: 'executable' },
	link: { content: 'README.md', kind: 'symlink' },
	dangling: { content: 'nowhere.txt', kind: 'symlink' },
	'docs/guide.md': { content: 'Guide\n' },
	'src/main.ts': { content: "import { one } from './lib/util';\n" },
	'src/lib/util.ts': { content: 'export const one = 1;\n' }
};

export const demoBranches: Record<string, Record<string, FixtureFile>> = {
	feature: { 'feature.txt': { content: 'feature\n' } }
};

/** The demo's main tree in `git ls-tree -r -t` order (a directory sorts as its name plus '/'). */
export const demoTree: [path: string, mode: string, type: string][] = [
	['README.md', '100644', 'blob'],
	['dangling', '120000', 'blob'],
	['docs', '040000', 'tree'],
	['docs/guide.md', '100644', 'blob'],
	['link', '120000', 'blob'],
	['run.sh', '100755', 'blob'],
	['src', '040000', 'tree'],
	['src/lib', '040000', 'tree'],
	['src/lib/util.ts', '100644', 'blob'],
	['src/main.ts', '100644', 'blob']
];
