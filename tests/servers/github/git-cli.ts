// Every read and write the fake GitHub makes goes through the real `git` binary, so what a test
// later sees by running `git` on the bare repo is exactly what the API served or stored.
import { spawn } from 'node:child_process';

export class GitError extends Error {
	readonly exitCode: number;
	readonly stderr: string;
	constructor(args: string[], exitCode: number, stderr: string) {
		super(`git ${args.join(' ')} exited ${exitCode}: ${stderr.trim()}`);
		this.exitCode = exitCode;
		this.stderr = stderr;
	}
}

export type GitOptions = { input?: Buffer | string; env?: Record<string, string> };
type GitResult = { stdout: Buffer; stderr: string; code: number };

// The machine's own git config (signing, hooks, templates) must not change what objects we write.
function gitEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY']) {
		delete env[name];
	}
	return {
		...env,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_TERMINAL_PROMPT: '0',
		LC_ALL: 'C',
		...extra
	};
}

/** Runs git on `gitDir`; resolves with the exit code instead of throwing. */
export function runGit(
	gitDir: string,
	args: string[],
	options: GitOptions = {}
): Promise<GitResult> {
	return new Promise((resolve, reject) => {
		// safe.directory: fixtures may be built by another user than the one serving them.
		const global = ['-c', 'safe.directory=*', `--git-dir=${gitDir}`];
		const child = spawn('git', [...global, ...args], {
			env: gitEnv(options.env ?? {}),
			stdio: ['pipe', 'pipe', 'pipe']
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			resolve({
				stdout: Buffer.concat(out),
				stderr: Buffer.concat(err).toString('utf8'),
				code: code ?? -1
			})
		);
		// git may exit before reading all of stdin (e.g. a bad object); that EPIPE is not our error.
		child.stdin.on('error', () => {});
		child.stdin.end(options.input ?? '');
	});
}

/** Runs git and returns stdout; a non-zero exit throws GitError. */
export async function git(
	gitDir: string,
	args: string[],
	options: GitOptions = {}
): Promise<Buffer> {
	const result = await runGit(gitDir, args, options);
	if (result.code !== 0) throw new GitError(args, result.code, result.stderr);
	return result.stdout;
}

export async function gitText(
	gitDir: string,
	args: string[],
	options: GitOptions = {}
): Promise<string> {
	return (await git(gitDir, args, options)).toString('utf8').trim();
}
