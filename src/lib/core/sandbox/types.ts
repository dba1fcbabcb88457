// The Sandbox seam: where an attempt's files live and its commands run.
import type { FileMode, SandboxEntry } from '../diff/types.ts';

// What change detection reads is what a sandbox lists: one definition, in core/diff.
export type { FileMode, SandboxEntry };

export type SandboxKind = 'webcontainer' | 'lite';

/**
 * A file as git sees it. For a symlink (120000) `data` is the link target. `oid`, when given,
 * is the blob id of `data`: a sandbox may report it back from `list()` while the file is
 * unchanged, so change detection skips reading and hashing it.
 */
export type TreeFile = { path: string; mode: FileMode; data: Uint8Array; oid?: string };

export type OutputChunk = { stream: 'stdout' | 'stderr'; text: string };

export type ExecOptions = {
	/** Relative to the sandbox root (default: the root). */
	cwd?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
	onOutput?: (chunk: OutputChunk) => void;
};

export type ExecResult = {
	exitCode: number;
	stdout: string;
	stderr: string;
	timedOut: boolean;
	aborted: boolean;
	durationMs: number;
};

/** Exit code reported when a command ran past its timeout (as `timeout(1)` does). */
export const TIMEOUT_EXIT_CODE = 124;
/** Exit code reported when a command was cancelled (as a shell does after SIGINT). */
export const ABORT_EXIT_CODE = 130;

export interface Sandbox {
	readonly kind: SandboxKind;
	/** Absolute path of the attempt's working directory; every path below is relative to it. */
	readonly root: string;
	/** Writes many files at once (the baseline): the fast path each runtime offers. */
	writeTree(files: TreeFile[]): Promise<void>;
	/** Without `mode`, an existing file keeps its mode and a new one is 100644. */
	writeFile(path: string, data: Uint8Array | string, mode?: FileMode): Promise<void>;
	/** The file's bytes (a symlink's target), or null when there is no such file. */
	readFile(path: string): Promise<Uint8Array | null>;
	/** Every file and symlink under `dir` (default: the root), recursively, sorted by path. */
	list(dir?: string, options?: { skipDirs?: string[] }): Promise<SandboxEntry[]>;
	/** Removes a file or a directory tree; removing nothing is not an error. */
	remove(path: string): Promise<void>;
	exec(command: string, options?: ExecOptions): Promise<ExecResult>;
	dispose(): Promise<void>;
}
