// The `git` inside the WebContainer: the Lite shell's git (commands/git-run.ts), bundled into one
// Node script by the build (`?node-script`) and run there over Node's fs and the baseline state
// the page wrote for the attempt (manifest.ts). Its output is the Lite command's, byte for byte.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { gitRepo, runGit } from '../commands/git-run.ts';
import { fatal, type Outcome } from '../commands/types.ts';
import type { FileMode } from '../types.ts';
import { GIT_STATE_ENV, MANIFEST_FILE, OBJECTS_DIR, type GitManifest } from './manifest.ts';
import { nodeFileSystem } from './node-fs.ts';

async function main(args: string[]): Promise<Outcome> {
	// Blob hashing uses Web Crypto, a global only from Node 19 on.
	if (!globalThis.crypto?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto });
	const state = process.env[GIT_STATE_ENV];
	let manifest: GitManifest;
	try {
		if (!state) throw new Error('no state');
		manifest = JSON.parse(readFileSync(join(state, MANIFEST_FILE), 'utf8')) as GitManifest;
	} catch {
		return fatal('not a git repository (or any of the parent directories): .git');
	}
	const modes = new Map<string, FileMode>(manifest.baseline.entries.map((e) => [e.path, e.mode]));
	const repo = gitRepo({
		baseline: manifest.baseline,
		commitInfo: manifest.commitInfo,
		root: manifest.root,
		readBaseline: async (oid) =>
			new Uint8Array(inflateSync(readFileSync(join(state, OBJECTS_DIR, oid))))
	});
	const fs = nodeFileSystem(repo.root, modes);
	return runGit(args, { fs, cwd: process.cwd() }, repo, new Map());
}

main(process.argv.slice(2)).then(
	(outcome) => {
		const binary = outcome.stdoutEncoding === 'binary';
		process.stdout.write(binary ? Buffer.from(outcome.stdout, 'latin1') : outcome.stdout);
		process.stderr.write(outcome.stderr);
		process.exitCode = outcome.exitCode;
	},
	(error: unknown) => {
		process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 128;
	}
);
