/** The file modes git records for blobs: regular, executable, symbolic link. */
export type FileMode = '100644' | '100755' | '120000';

/**
 * One file's change between the baseline and an attempt. `path`, `before`, `after` and the
 * modes are the stable shape (DESIGN.md); the rest are optional extensions that tools fill in
 * when they already know them, so nobody recomputes them.
 */
export type FileChange = {
	path: string;
	/** The old content (null = the file did not exist). For a symlink: the link target. */
	before: Uint8Array | null;
	/** The new content (null = the file is gone). */
	after: Uint8Array | null;
	beforeMode?: string;
	afterMode?: string;
	/** Set for a rename: the path `before` was read from. */
	oldPath?: string;
	/** A rename's similarity in percent, as git's rename detection scored it. */
	similarity?: number;
	/** NUL byte or invalid UTF-8 on either side. Computed when absent. */
	binary?: boolean;
	/** git blob ids of `before` and `after`. Computed when absent. */
	beforeOid?: string;
	afterOid?: string;
};

export type BaselineEntry = {
	path: string;
	mode: FileMode;
	/** git blob id. */
	oid: string;
	/**
	 * Size and mtime of the file as written into the sandbox, like git's index stat data: when
	 * the sandbox reports both unchanged, the file is taken as unchanged without reading it.
	 */
	size?: number;
	mtimeMs?: number;
};

/** A tree entry the sandbox does not get: a submodule (gitlink, mode 160000) or a file too large. */
export type SkippedEntry = { path: string; oid: string; reason: string };

export type Baseline = {
	entries: BaselineEntry[];
	/** Submodules are among these (reason 'submodule'): tracked paths with no files here. */
	skipped?: readonly SkippedEntry[];
};

/** The submodules of a baseline: gitlinks, whose oid names a commit of another repository. */
export function gitlinksOf(baseline: Baseline): SkippedEntry[] {
	return (baseline.skipped ?? []).filter((entry) => entry.reason === 'submodule');
}

/** What git shows as a gitlink's content in a patch. */
export function subprojectText(oid: string): Uint8Array {
	return new TextEncoder().encode(`Subproject commit ${oid}\n`);
}

/**
 * A listed file. `size` and `mtimeMs` where the runtime has them cheaply; `oid` only for a file
 * the sandbox knows is still exactly as it was written with that blob id (the file is then
 * neither read nor hashed).
 */
export type SandboxEntry = {
	path: string;
	mode: FileMode;
	size?: number;
	mtimeMs?: number;
	oid?: string;
};

export type ListOptions = {
	/**
	 * True for a directory the listing may leave out (`.git`, a dependency folder with no
	 * tracked files). A listing that ignores this hint is still correct, only slower.
	 */
	skipDir(path: string): boolean;
};

/** The attempt's files. Paths are relative, '/'-separated; symlinks read as their target. */
export type SandboxReader = {
	list(options?: ListOptions): Promise<SandboxEntry[]>;
	read(path: string): Promise<Uint8Array>;
};

/** The files as plain data, for a caller that has them in memory (tests, a worker message). */
export type SandboxFile = { path: string; mode: FileMode; bytes: Uint8Array };
