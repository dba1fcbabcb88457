// A test double of the `WebContainer` class (its runtime loads from StackBlitz and cannot boot
// here), backed by a real temp directory and real child processes. It implements only what the
// adapter uses, and behaves like the real one where it matters: paths relative to the workdir,
// a terminal that merges stderr into stdout and writes CRLF, no stat/chmod.
import { spawn } from 'node:child_process';
import {
	chmod,
	mkdir,
	mkdtemp,
	readFile,
	readdir,
	rename,
	rm,
	symlink,
	writeFile
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
	FileSystemTree,
	SpawnOptions,
	WebContainer,
	WebContainerProcess
} from '@webcontainer/api';
import type { WebContainerLike } from '../../../src/lib/core/sandbox/webcontainer.ts';

/** The container's events the double can raise, as a process in the real one would. */
export type WebContainerEvents = {
	on: WebContainer['on'];
	emit(event: 'server-ready', port: number, url: string): void;
	emit(event: 'port', port: number, type: 'open' | 'close', url: string): void;
};

export async function createWebContainerDouble(): Promise<
	WebContainerLike & WebContainerEvents & { teardown(): Promise<void> }
> {
	const workdir = await mkdtemp(join(tmpdir(), 'wc-double-'));
	const at = (path: string) => join(workdir, path);

	// WebContainer files have no modes, and jsh runs a Node script found on PATH (npm's bin
	// links); bash here needs the executable bit for that.
	async function write(path: string, data: string | Uint8Array) {
		await writeFile(path, data);
		const head =
			typeof data === 'string' ? data.slice(0, 19) : new TextDecoder().decode(data.subarray(0, 19));
		if (head === '#!/usr/bin/env node') await chmod(path, 0o755);
	}

	async function mountTree(tree: FileSystemTree, dir: string) {
		await mkdir(dir, { recursive: true });
		for (const [name, node] of Object.entries(tree)) {
			const path = join(dir, name);
			if ('directory' in node) await mountTree(node.directory, path);
			else if ('symlink' in node.file) await symlink(node.file.symlink, path);
			else await write(path, node.file.contents);
		}
	}

	const fs = {
		readdir: (path: string, options?: unknown) => readdir(at(path), options as never),
		readFile: (path: string, encoding?: BufferEncoding | null) =>
			encoding ? readFile(at(path), encoding) : readFile(at(path)).then((b) => new Uint8Array(b)),
		writeFile: (path: string, data: string | Uint8Array) => write(at(path), data),
		mkdir: async (path: string, options?: { recursive?: boolean }) => {
			await mkdir(at(path), options);
			return path;
		},
		rm: (path: string, options?: { force?: boolean; recursive?: boolean }) => rm(at(path), options),
		rename: (from: string, to: string) => rename(at(from), at(to)),
		watch: () => {
			throw new Error('not used');
		}
	} as unknown as WebContainerLike['fs'];

	function spawnProcess(
		command: string,
		args: string[],
		options: SpawnOptions = {}
	): WebContainerProcess {
		if (command !== 'jsh' || args[0] !== '-c')
			throw new Error(`double only runs jsh -c, got ${command} ${args[0]}`);
		const child = spawn('bash', ['-c', args[1] ?? ''], {
			cwd: options.cwd ? at(options.cwd) : workdir,
			env: {
				PATH: process.env.PATH ?? '/usr/bin:/bin',
				HOME: workdir,
				...(options.env as Record<string, string>)
			},
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const output = new ReadableStream<string>({
			start(controller) {
				let open = 2;
				const close = () => --open === 0 && controller.close();
				for (const stream of [child.stdout, child.stderr]) {
					stream.setEncoding('utf8');
					stream.on('data', (text: string) => controller.enqueue(text.replaceAll('\n', '\r\n')));
					stream.on('end', close);
				}
			}
		});
		return {
			output,
			input: new WritableStream<string>(),
			exit: new Promise<number>((resolve) =>
				child.on('exit', (code, signal) => resolve(code ?? (signal ? 137 : 1)))
			),
			kill: () => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					// already gone
				}
			},
			resize: () => {}
		};
	}

	return {
		workdir,
		path: process.env.PATH ?? '/usr/bin:/bin',
		fs,
		mount: async (tree, options) => {
			if (tree instanceof Uint8Array || tree instanceof ArrayBuffer)
				throw new Error('double mounts trees only');
			await mountTree(tree, at(options?.mountPoint ?? ''));
		},
		spawn: (async (command: string, args: string[] | SpawnOptions, options?: SpawnOptions) =>
			Array.isArray(args)
				? spawnProcess(command, args, options)
				: spawnProcess(command, [], args)) as WebContainerLike['spawn'],
		...events(),
		teardown: () => rm(workdir, { recursive: true, force: true })
	};
}

function events(): WebContainerEvents {
	const listeners = new Map<string, Set<(...args: never[]) => void>>();
	return {
		on: ((event: string, listener: (...args: never[]) => void) => {
			const set = listeners.get(event) ?? new Set();
			listeners.set(event, set.add(listener));
			return () => set.delete(listener);
		}) as WebContainer['on'],
		emit: (event: string, ...args: unknown[]) => {
			for (const listener of listeners.get(event) ?? []) listener(...(args as never[]));
		}
	};
}
