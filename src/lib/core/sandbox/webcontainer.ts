// The WebContainer runtime: Node.js in the page. One WebContainer is booted per page and shared;
// each attempt works in its own directory below its workdir.
import type { WebContainer } from '@webcontainer/api';
import type { GitRepoOptions } from './commands/types.ts';
import { execTimer } from './exec-timer.ts';
import { toFileSystemTree } from './file-tree.ts';
import { joinPath, normaliseRelative, parentOf } from './paths.ts';
import type {
	ExecOptions,
	ExecResult,
	FileMode,
	Sandbox,
	SandboxEntry,
	TreeFile
} from './types.ts';
import { gitEnv, installGit, writeGitState } from './webcontainer-git.ts';
import {
	containerGuard,
	installGuard,
	TOOLS_DIR,
	type ContainerGuard,
	type ContainerNetwork
} from './webcontainer-guard.ts';

/** The part of `WebContainer` this adapter uses (a test double implements just this). */
export type WebContainerLike = Pick<WebContainer, 'fs' | 'spawn' | 'mount' | 'workdir' | 'path'>;

/** What the sandbox gets besides its files, as the Lite runtime does. */
export type WebContainerWiring = {
	/** Guards every Node process an exec starts, with the policy of the phase current then. */
	network?: ContainerNetwork;
	/** The baseline, for `git status/diff/log…` inside the container. */
	git?: GitRepoOptions;
};

const installed = new WeakMap<WebContainerLike, Promise<void>>();

/** The guard and the git script, shared by every attempt: written once per container. */
function installTools(container: WebContainerLike): Promise<void> {
	let done = installed.get(container);
	if (!done) {
		done = Promise.all([installGuard(container), installGit(container)]).then(() => {});
		done.catch(() => installed.delete(container));
		installed.set(container, done);
	}
	return done;
}

const encoder = new TextEncoder();

/**
 * `dir` is the attempt's directory relative to the container's workdir. The WebContainer file
 * system has no stat or chmod, so modes (and symlink targets) are kept here, from the baseline
 * and later writes; files a command creates are regular files.
 */
export function createWebContainerSandbox(
	container: WebContainerLike,
	dir: string,
	baseEnv: Record<string, string> = {},
	wiring: WebContainerWiring = {}
): Sandbox {
	const base = normaliseRelative(dir);
	const root = `${container.workdir}/${base}`;
	// The attempt's guard log and git state: beside the attempt's directory, never inside it.
	const stateDir = `${TOOLS_DIR}/attempts/${base.replaceAll('/', '_')}`;
	const guard: ContainerGuard | null = wiring.network
		? containerGuard(container, stateDir, wiring.network)
		: null;
	let ready: Promise<void> | undefined;
	const prepare = () =>
		(ready ??= (async () => {
			await installTools(container);
			await container.fs.mkdir(stateDir, { recursive: true });
			if (wiring.git) await writeGitState(container, stateDir, root, wiring.git);
		})());
	const modes = new Map<string, FileMode>();
	const links = new Map<string, string>();
	const rel = (path: string) => joinPath(base, path);

	function remember(path: string, mode: FileMode, data: Uint8Array | string) {
		const key = normaliseRelative(path);
		modes.set(key, mode);
		if (mode === '120000')
			links.set(key, typeof data === 'string' ? data : new TextDecoder().decode(data));
		else links.delete(key);
	}

	function forget(path: string) {
		const key = normaliseRelative(path);
		for (const known of [...modes.keys()]) {
			if (known === key || known.startsWith(`${key}/`)) {
				modes.delete(known);
				links.delete(known);
			}
		}
	}

	async function walk(path: string, skip: Set<string>, out: SandboxEntry[]) {
		let entries;
		try {
			entries = await container.fs.readdir(rel(path), { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const child = path ? `${path}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				if (!skip.has(entry.name)) await walk(child, skip, out);
			} else out.push({ path: child, mode: modes.get(child) ?? '100644' });
		}
	}

	return {
		kind: 'webcontainer',
		root,
		async writeTree(files: TreeFile[]) {
			await container.fs.mkdir(base, { recursive: true });
			await container.mount(toFileSystemTree(files), { mountPoint: base });
			for (const file of files) remember(file.path, file.mode, file.data);
		},
		async writeFile(path, data, requested?: FileMode) {
			const previous = modes.get(normaliseRelative(path));
			const mode = requested ?? (previous === '120000' ? undefined : previous) ?? '100644';
			forget(path);
			const target = rel(path);
			const parent = parentOf(target);
			if (parent) await container.fs.mkdir(parent, { recursive: true });
			if (mode === '120000') {
				const linkTarget = typeof data === 'string' ? data : new TextDecoder().decode(data);
				await container.mount(
					{ [target.split('/').pop()!]: { file: { symlink: linkTarget } } },
					{ mountPoint: parent }
				);
			} else {
				await container.fs.rm(target, { force: true });
				await container.fs.writeFile(target, data);
			}
			remember(path, mode, data);
		},
		async readFile(path) {
			const key = normaliseRelative(path);
			const link = links.get(key);
			if (link !== undefined) return encoder.encode(link);
			try {
				return await container.fs.readFile(rel(key));
			} catch {
				return null;
			}
		},
		async list(path = '', options = {}) {
			const out: SandboxEntry[] = [];
			await walk(normaliseRelative(path), new Set(options.skipDirs ?? []), out);
			return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		},
		async remove(path) {
			await container.fs.rm(rel(path), { recursive: true, force: true });
			forget(path);
		},
		async exec(command, options) {
			const env = { ...baseEnv, ...options?.env };
			if (wiring.network || wiring.git) {
				// Unguarded commands must not run: a failed install fails the exec.
				await prepare();
				if (guard) {
					await guard.verify();
					Object.assign(env, guard.env(env.NODE_OPTIONS));
				}
				if (wiring.git) Object.assign(env, gitEnv(container, stateDir, env.PATH));
			}
			try {
				return await runInContainer(container, base, command, { ...options, env });
			} finally {
				await guard?.drain();
			}
		},
		async dispose() {
			await container.fs.rm(base, { recursive: true, force: true });
			await container.fs.rm(stateDir, { recursive: true, force: true });
			modes.clear();
			links.clear();
		}
	};
}

async function runInContainer(
	container: WebContainerLike,
	base: string,
	command: string,
	options: ExecOptions
): Promise<ExecResult> {
	const timer = execTimer(options);
	const process = await container.spawn('jsh', ['-c', command], {
		cwd: joinPath(base, options.cwd ?? ''),
		env: options.env,
		output: true
	});
	const kill = () => process.kill();
	timer.signal.addEventListener('abort', kill, { once: true });
	if (timer.signal.aborted) kill();

	let stdout = '';
	const normalise = terminalToText();
	const reader = process.output.getReader();
	const pump = (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			const text = normalise(value);
			if (!text) continue;
			stdout += text;
			options.onOutput?.({ stream: 'stdout', text });
		}
	})();
	const exitCode = await process.exit;
	timer.signal.removeEventListener('abort', kill);
	await Promise.race([pump, new Promise((resolve) => setTimeout(resolve, 1000))]);
	return timer.finish(exitCode, stdout, '');
}

/** A terminal writes CRLF; the log and the model want LF. Handles CR LF split across chunks. */
function terminalToText(): (chunk: string) => string {
	let pendingCR = false;
	return (chunk) => {
		let text = (pendingCR ? '\r' : '') + chunk;
		pendingCR = text.endsWith('\r');
		if (pendingCR) text = text.slice(0, -1);
		return text.replaceAll('\r\n', '\n');
	};
}
