// The Lite runtime: just-bash, a virtual bash with an in-memory file system, in the page.
// Fully offline, no Node; one instance per attempt.
import { Bash, InMemoryFs, type CustomCommand, type FsStat, type SecureFetch } from 'just-bash';
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

/** A file as `writeTree` left it: its blob id and the stat data that says it is still so. */
type Written = { oid: string; mode: FileMode; size: number; mtimeMs: number; identity: string };

/** How long `writeTree` waits at most for the clock to move past the files it wrote. */
const CLOCK_TICK_WAIT_MS = 20;

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
	/**
	 * Like git's index: for each file the last `writeTree` wrote with its blob id, the stat data
	 * it had then, and when that write ended (`writtenAt`, the index file's own mtime). `list()`
	 * reports the blob id back while a file's stat data is unchanged, so change detection neither
	 * reads nor hashes it. The stat data includes just-bash's entry identity, which every write
	 * of content renews (and `mv`/`cp` do not carry over to another path), so a file rewritten
	 * with the same size in the same millisecond, or swapped for a copy with the same mtime, is
	 * still seen. As in git, an entry whose mtime is not older than `writtenAt` is "racy" and
	 * always re-read.
	 */
	const written = new Map<string, Written>();
	let writtenAt = 0;

	async function writeOne(path: string, data: Uint8Array | string, requested?: FileMode) {
		const target = abs(path);
		written.delete(normaliseRelative(path));
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

	/** Writes a file that is new, under folders that are folders or new, in one synchronous step. */
	function writeNew(target: string, data: Uint8Array, mode: FileMode, mtime: Date) {
		fs.writeFileSync(target, data, undefined, { mode: mode === '100755' ? 0o755 : 0o644, mtime });
	}

	/**
	 * Every file and symlink under `start`, from the file system's list of all paths (InMemoryFs
	 * lists one folder by scanning every path it holds, so walking folder by folder costs a scan
	 * per folder). A path counts only when every folder above it, up to `start`, is a real folder
	 * that is not skipped, as a walk would find it.
	 */
	async function listUnder(start: string, prefix: string, skip: Set<string>) {
		const below = `${start.replace(/\/+$/, '')}/`;
		const stats = new Map<string, FsStat>();
		for (const full of fs.getAllPaths()) {
			if (full.startsWith(below)) stats.set(full, await fs.lstat(full));
		}
		const walkable = new Map<string, boolean>();
		const reachable = (dir: string): boolean => {
			if (dir === start) return true;
			let answer = walkable.get(dir);
			if (answer === undefined) {
				const stat = stats.get(dir);
				const slash = dir.lastIndexOf('/');
				answer =
					!!stat?.isDirectory && !skip.has(dir.slice(slash + 1)) && reachable(dir.slice(0, slash));
				walkable.set(dir, answer);
			}
			return answer;
		};
		const out: SandboxEntry[] = [];
		for (const [full, stat] of stats) {
			if (stat.isDirectory || !(stat.isFile || stat.isSymbolicLink)) continue;
			if (!reachable(full.slice(0, full.lastIndexOf('/')))) continue;
			const rel = full.slice(below.length);
			const path = prefix ? `${prefix}/${rel}` : rel;
			out.push(entryOf(path, stat));
		}
		return out;
	}

	function entryOf(path: string, stat: FsStat): SandboxEntry {
		const mode: FileMode = stat.isSymbolicLink ? '120000' : stat.mode & 0o111 ? '100755' : '100644';
		const entry: SandboxEntry = { path, mode, size: stat.size, mtimeMs: stat.mtime.getTime() };
		const known = written.get(path);
		if (
			known &&
			known.mode === mode &&
			known.size === entry.size &&
			known.mtimeMs === entry.mtimeMs &&
			known.identity === stat.identity &&
			known.mtimeMs < writtenAt
		) {
			entry.oid = known.oid;
		}
		return entry;
	}

	return {
		kind: 'lite',
		root,
		async writeTree(files: TreeFile[]) {
			await fs.mkdir(root, { recursive: true });
			const existing = new Set(fs.getAllPaths());
			// A folder that already exists must be a folder for the one-step write below.
			const folders = new Map<string, boolean>();
			const isFolderOrNew = async (dir: string): Promise<boolean> => {
				if (!dir || dir === root) return true;
				let answer = folders.get(dir);
				if (answer === undefined) {
					answer = existing.has(dir)
						? (await fs.lstat(dir)).isDirectory && (await isFolderOrNew(parentOf(dir)))
						: await isFolderOrNew(parentOf(dir));
					folders.set(dir, answer);
				}
				return answer;
			};
			const mtime = new Date();
			const recorded: Array<[string, string, Uint8Array]> = [];
			for (const file of files) {
				const path = normaliseRelative(file.path);
				const target = abs(path);
				if (
					file.mode !== '120000' &&
					!existing.has(target) &&
					(await isFolderOrNew(parentOf(target)))
				) {
					writeNew(target, file.data, file.mode, new Date(mtime));
					written.delete(path);
				} else {
					await writeOne(path, file.data, file.mode);
				}
				if (file.oid && file.mode !== '120000') recorded.push([path, file.oid, file.data]);
			}
			// Let the clock move past the files' mtime, so that none of them is racy (a later write
			// in the same millisecond would get the same mtime); if it does not, they stay racy.
			const last = mtime.getTime();
			for (const until = last + CLOCK_TICK_WAIT_MS; Date.now() <= last && Date.now() < until;)
				await new Promise((resolve) => setTimeout(resolve, 1));
			for (const [path, oid, data] of recorded) {
				const stat = await fs.lstat(abs(path));
				if (!stat.isFile || stat.size !== data.length || stat.identity === undefined) continue;
				const mode: FileMode = stat.mode & 0o111 ? '100755' : '100644';
				const mtimeMs = stat.mtime.getTime();
				written.set(path, { oid, mode, size: stat.size, mtimeMs, identity: stat.identity });
			}
			writtenAt = Date.now();
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
			const prefix = normaliseRelative(dir);
			const out = await listUnder(start, prefix, new Set(listOptions.skipDirs ?? []));
			return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		},
		async remove(path) {
			await fs.rm(abs(path), { recursive: true, force: true });
		},
		exec: (command, execOptions) => runLite(bash, root, command, execOptions),
		async dispose() {
			written.clear();
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
