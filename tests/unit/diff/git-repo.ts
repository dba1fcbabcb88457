import { spawnSync } from 'node:child_process';
import {
	chmodSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SandboxFile } from '../../../src/lib/core/diff/index.ts';

/** git with no user or system config, so the machine's settings cannot change a result. */
export function git(dir: string, args: string[], input?: string | Uint8Array): string {
	const result = spawnSync('git', args, {
		cwd: dir,
		input,
		maxBuffer: 1 << 30,
		env: {
			...process.env,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
			GIT_AUTHOR_NAME: 't',
			GIT_AUTHOR_EMAIL: 't@example.com',
			GIT_COMMITTER_NAME: 't',
			GIT_COMMITTER_EMAIL: 't@example.com'
		}
	});
	if (result.status !== 0) {
		throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr.toString()}`);
	}
	return result.stdout.toString();
}

export function tempDir(prefix = 'patchbay-diff-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

export function writeTree(dir: string, files: SandboxFile[]): void {
	for (const file of files) {
		const target = join(dir, file.path);
		mkdirSync(dirname(target), { recursive: true });
		if (file.mode === '120000') symlinkSync(Buffer.from(file.bytes).toString(), target);
		else {
			writeFileSync(target, file.bytes);
			chmodSync(target, file.mode === '100755' ? 0o755 : 0o644);
		}
	}
}

/** Every file under `dir` except .git, sorted by path, with git's view of its mode. */
export function readTree(dir: string, prefix = ''): SandboxFile[] {
	const files: SandboxFile[] = [];
	for (const name of readdirSync(join(dir, prefix))) {
		const path = prefix ? `${prefix}/${name}` : name;
		if (path === '.git') continue;
		const stat = lstatSync(join(dir, path));
		if (stat.isDirectory()) files.push(...readTree(dir, path));
		else if (stat.isSymbolicLink()) {
			files.push({
				path,
				mode: '120000',
				bytes: new Uint8Array(Buffer.from(readlinkSync(join(dir, path))))
			});
		} else {
			const mode = stat.mode & 0o100 ? '100755' : '100644';
			files.push({ path, mode, bytes: new Uint8Array(readFileSync(join(dir, path))) });
		}
	}
	return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A repository with `files` committed; returns its directory. */
export function commitTree(files: SandboxFile[]): string {
	const dir = tempDir();
	git(dir, ['init', '-q']);
	writeTree(dir, files);
	git(dir, ['add', '-A']);
	git(dir, ['commit', '-q', '--allow-empty', '-m', 'base']);
	return dir;
}
