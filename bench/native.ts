// The native references: the real `git` binary on the same repos, timed from this process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const isolatedEnv: NodeJS.ProcessEnv = {
	...process.env,
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_CONFIG_GLOBAL: '/dev/null'
};

/** Runs a command to completion (stdout read and dropped); resolves with its wall time in ms. */
export async function timeCommand(command: string, args: string[], cwd?: string): Promise<number> {
	const started = performance.now();
	const child = spawn(command, args, { cwd, env: isolatedEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	const stderr: Buffer[] = [];
	child.stdout.resume();
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	const [code] = (await once(child, 'close')) as [number | null];
	const ms = performance.now() - started;
	if (code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed: ${Buffer.concat(stderr).toString().trim()}`
		);
	}
	return ms;
}

export const git = (args: string[], cwd?: string) => timeCommand('git', args, cwd);
