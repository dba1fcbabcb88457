// The Lite runtime: just-bash, a virtual bash with an in-memory file system, in the page.
// Fully offline, no Node; one instance per attempt.
import { Bash, InMemoryFs, type CustomCommand, type SecureFetch } from 'just-bash';
import { execTimer } from './exec-timer.ts';
import { joinPath, normaliseRelative, parentOf } from './paths.ts';
import type {
	ExecOptions,
	ExecResult,
	FileMode,
	Sandbox,
	SandboxEntry,
	TreeFile
} from './types.ts';

export type LiteOptions = {
	/** Absolute working directory (default `/work`). */
	root?: string;
	/** Environment every command sees. */
	env?: Record<string, string>;
	/** Extra commands (e.g. `git`), given the sandbox they run in. */
	commands?: CustomCommand[];
	/** The network: every request of `curl` goes through it. None = no network commands. */
	fetch?: SecureFetch;
	/**
	 * just-bash's guard against escapes from its interpreter. Node's own fetch (undici) trips it
	 * when called from a script (WeakRef, timers), so Node tests that use the network turn it
	 * off; browsers' native fetch does not.
	 */
	defenseInDepth?: boolean;
};

const textEncoder = new TextEncoder();
const toBytes = (data: Uint8Array | string) =>
	typeof data === 'string' ? textEncoder.encode(data) : data;

export function createLiteSandbox(options: LiteOptions = {}): Sandbox {
	const root = options.root ?? '/work';
	const fs = new InMemoryFs();
	const bash = new Bash({
		fs,
		cwd: root,
		env: { HOME: root, PWD: root, ...options.env },
		customCommands: options.commands,
		fetch: options.fetch,
		...(options.defenseInDepth === false ? { defenseInDepth: false } : {})
	});
	const abs = (path: string) => joinPath(root, path);

	async function writeOne(path: string, data: Uint8Array | string, requested?: FileMode) {
		const target = abs(path);
		await fs.mkdir(parentOf(target) || '/', { recursive: true });
		const previous = await modeAt(target);
		const mode = requested ?? (previous === '120000' ? '100644' : previous) ?? '100644';
		if (previous) await fs.rm(target, { force: true });
		if (mode === '120000') {
			await fs.symlink(new TextDecoder().decode(toBytes(data)), target);
			return;
		}
		await fs.writeFile(target, toBytes(data));
		await fs.chmod(target, mode === '100755' ? 0o755 : 0o644);
	}

	async function modeAt(path: string): Promise<FileMode | undefined> {
		try {
			const stat = await fs.lstat(path);
			if (stat.isSymbolicLink) return '120000';
			return stat.mode & 0o111 ? '100755' : '100644';
		} catch {
			return undefined;
		}
	}

	async function exists(path: string): Promise<boolean> {
		try {
			await fs.lstat(path);
			return true;
		} catch {
			return false;
		}
	}

	async function walk(dir: string, prefix: string, skip: Set<string>, out: SandboxEntry[]) {
		for (const name of await fs.readdir(dir)) {
			const full = `${dir}/${name}`;
			const rel = prefix ? `${prefix}/${name}` : name;
			const stat = await fs.lstat(full);
			if (stat.isDirectory) {
				if (!skip.has(name)) await walk(full, rel, skip, out);
			} else if (stat.isSymbolicLink) {
				out.push({ path: rel, mode: '120000' });
			} else {
				out.push({ path: rel, mode: stat.mode & 0o111 ? '100755' : '100644' });
			}
		}
	}

	return {
		kind: 'lite',
		root,
		async writeTree(files: TreeFile[]) {
			await fs.mkdir(root, { recursive: true });
			for (const file of files) await writeOne(file.path, file.data, file.mode);
		},
		writeFile: writeOne,
		async readFile(path) {
			const target = abs(path);
			try {
				const stat = await fs.lstat(target);
				if (stat.isSymbolicLink) return textEncoder.encode(await fs.readlink(target));
				if (!stat.isFile) return null;
				return await fs.readFileBuffer(target);
			} catch {
				return null;
			}
		},
		async list(dir = '', listOptions = {}) {
			const start = abs(dir);
			if (!(await exists(start))) return [];
			const out: SandboxEntry[] = [];
			const prefix = normaliseRelative(dir);
			await walk(start, prefix, new Set(listOptions.skipDirs ?? []), out);
			return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		},
		async remove(path) {
			await fs.rm(abs(path), { recursive: true, force: true });
		},
		exec: (command, execOptions) => runLite(bash, root, command, execOptions),
		async dispose() {
			await fs.rm(root, { recursive: true, force: true });
		}
	};
}

async function runLite(
	bash: Bash,
	root: string,
	command: string,
	options: ExecOptions = {}
): Promise<ExecResult> {
	const timer = execTimer(options);
	let result: { exitCode: number; stdout: string; stderr: string };
	try {
		result = await bash.exec(command, {
			cwd: joinPath(root, options.cwd ?? ''),
			env: options.env,
			signal: timer.signal,
			rawScript: true
		});
	} catch (error) {
		result = {
			exitCode: 1,
			stdout: '',
			stderr: `${error instanceof Error ? error.message : String(error)}\n`
		};
	}
	// just-bash returns output when the command ends; it is streamed to the listener then.
	if (result.stdout) options.onOutput?.({ stream: 'stdout', text: result.stdout });
	if (result.stderr) options.onOutput?.({ stream: 'stderr', text: result.stderr });
	return timer.finish(result.exitCode, result.stdout, result.stderr);
}
