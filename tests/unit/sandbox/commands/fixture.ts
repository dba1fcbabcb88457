// A repository twice over: a real git repository in a temp dir and a Lite sandbox with the
// same files, whose `git` knows the real commit as its baseline. The same shell script edits
// both, and the same command line runs in both, so a test compares whole outputs.
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { blobOidSync, type SandboxFile } from '../../../../src/lib/core/diff/index.ts';
import type { Baseline } from '../../../../src/lib/core/git/index.ts';
import {
	createLiteSandbox,
	liteCommands,
	type CommitInfo,
	type Sandbox
} from '../../../../src/lib/core/sandbox/index.ts';
import { removeDir, tempDir, writeTree } from '../../diff/git-repo.ts';

export type Run = { stdout: string; stderr: string; exitCode: number };

export const ROOT = '/work/repo';
export const DATE = '2024-03-05T14:07:09+01:30';

/** git and bash with no user or system config, a fixed identity and date, no terminal width;
 * status hints off, as the sandbox's git prints none. */
function env(): NodeJS.ProcessEnv {
	const { COLUMNS: _columns, ...rest } = process.env;
	return {
		...rest,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_CONFIG_COUNT: '1',
		GIT_CONFIG_KEY_0: 'advice.statusHints',
		GIT_CONFIG_VALUE_0: 'false',
		GIT_AUTHOR_NAME: 'Ada Lovelace',
		GIT_AUTHOR_EMAIL: 'ada@example.com',
		GIT_COMMITTER_NAME: 'Ada Lovelace',
		GIT_COMMITTER_EMAIL: 'ada@example.com',
		GIT_AUTHOR_DATE: DATE,
		GIT_COMMITTER_DATE: DATE,
		LC_ALL: 'C'
	};
}

export function bash(dir: string, script: string): Run {
	const result = spawnSync('bash', ['-c', script], { cwd: dir, env: env(), maxBuffer: 1 << 28 });
	return {
		stdout: result.stdout.toString(),
		stderr: result.stderr.toString(),
		exitCode: result.status ?? -1
	};
}

export type Twin = {
	dir: string;
	sandbox: Sandbox;
	baseline: Baseline;
	commitInfo: CommitInfo;
	blobs: Map<string, Uint8Array>;
	/** Runs a script in the real repository (cwd relative to it). */
	real(script: string, cwd?: string): Run;
	/** Runs a script in the sandbox (cwd relative to its root). */
	lite(script: string, cwd?: string): Promise<Run>;
	/** Runs a script in both; fails the test if either fails. */
	edit(script: string): Promise<void>;
	dispose(): void;
};

/** A submodule of the baseline: its path and the commit it points at. */
export type Gitlink = { path: string; oid: string };

export async function createTwin(
	files: SandboxFile[],
	message = 'Initial import\n',
	gitlinks: Gitlink[] = []
): Promise<Twin> {
	const dir = tempDir('patchbay-git-cmd-');
	writeTree(dir, files);
	bash(dir, 'git init -q -b main');
	// A submodule as a clone without --recurse-submodules leaves it: a gitlink, an empty folder.
	for (const link of gitlinks) {
		mkdirSync(`${dir}/${link.path}`, { recursive: true });
		bash(dir, `git update-index --add --cacheinfo 160000,${link.oid},${link.path}`);
	}
	// Verbatim, so a test can give a message git's cleanup would change (CRLF, trailing lines).
	writeFileSync(`${dir}/.git/PATCHBAY_MESSAGE`, message);
	const setup = bash(
		dir,
		'git add -A && git commit -q --cleanup=verbatim -F .git/PATCHBAY_MESSAGE'
	);
	if (setup.exitCode !== 0) throw new Error(setup.stderr);
	const { baseline, blobs } = baselineOf(dir, files, gitlinks);
	const commitInfo = {
		// The message as the commit stores it, as the checkout reads it.
		message: bash(dir, "git cat-file commit HEAD | sed '1,/^$/d'").stdout,
		author: bash(dir, "git log -1 --format='%an <%ae>'").stdout.trim(),
		date: bash(dir, 'git log -1 --format=%aI').stdout.trim()
	};
	const readBaseline = async (oid: string) => blobs.get(oid) ?? Promise.reject(new Error(oid));
	const sandbox = createLiteSandbox({
		root: ROOT,
		commands: liteCommands({ baseline, readBaseline, commitInfo, root: ROOT })
	});
	await sandbox.writeTree(files.map(({ path, mode, bytes }) => ({ path, mode, data: bytes })));
	const twin: Twin = {
		dir,
		sandbox,
		baseline,
		commitInfo,
		blobs,
		real: (script, cwd = '') => bash(cwd ? `${dir}/${cwd}` : dir, script),
		lite: async (script, cwd) => {
			const { stdout, stderr, exitCode } = await sandbox.exec(script, { cwd });
			return { stdout, stderr, exitCode };
		},
		async edit(script) {
			const real = twin.real(script);
			const lite = await twin.lite(script);
			if (real.exitCode !== 0 || lite.exitCode !== 0) {
				throw new Error(`edit failed: real ${real.stderr} / lite ${lite.stderr}`);
			}
		},
		dispose: () => removeDir(dir)
	};
	return twin;
}

/** The baseline the checkout would produce, checked against git's own view of the commit. */
function baselineOf(dir: string, files: SandboxFile[], gitlinks: Gitlink[]) {
	const blobs = new Map<string, Uint8Array>();
	const entries = files
		.map(({ path, mode, bytes }) => {
			const oid = blobOidSync(bytes);
			blobs.set(oid, bytes);
			return { path, mode, oid };
		})
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const staged = bash(dir, 'git ls-files -s').stdout;
	const expected = [...entries, ...gitlinks.map((link) => ({ ...link, mode: '160000' }))]
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
		.map((e) => `${e.mode} ${e.oid} 0\t${e.path}\n`)
		.join('');
	if (staged !== expected) throw new Error(`baseline differs from git:\n${staged}\n${expected}`);
	const baseline: Baseline = {
		commit: bash(dir, 'git rev-parse HEAD').stdout.trim(),
		tree: bash(dir, 'git rev-parse HEAD^{tree}').stdout.trim(),
		branch: 'main',
		entries,
		skipped: gitlinks.map((link) => ({ ...link, reason: 'submodule' as const }))
	};
	return { baseline, blobs };
}

const encoder = new TextEncoder();

export function file(
	path: string,
	content: string | Uint8Array,
	mode: SandboxFile['mode'] = '100644'
): SandboxFile {
	return { path, mode, bytes: typeof content === 'string' ? encoder.encode(content) : content };
}

export function lines(from: number, to: number): string {
	return Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');
}

/**
 * The same command line in the real repository and in the sandbox (or `realCommand` where git's
 * spelling differs): whole stdout and exit code.
 */
export async function expectSame(
	twin: Twin,
	command: string,
	cwd = '',
	realCommand = command
): Promise<Run> {
	const real = twin.real(realCommand, cwd);
	const lite = await twin.lite(command, cwd);
	expect({ stdout: lite.stdout, exitCode: lite.exitCode }).toEqual({
		stdout: real.stdout,
		exitCode: real.exitCode
	});
	return lite;
}
