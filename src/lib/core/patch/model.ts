/**
 * A hunk line keeps its one-character prefix: ' ' context, '-' removed, '+' added. Keeping the
 * prefix (rather than separate old/new arrays) lets the applier tell context lines apart, so a
 * fuzzily matched context line keeps the file's own text instead of the patch's.
 */
export type HunkLine = ` ${string}` | `-${string}` | `+${string}`;

/** One `@@` section of an `*** Update File:` operation. */
export type Hunk = {
	/** Lines sought in order before the hunk (`@@ <line>`), e.g. a class then a method. */
	contexts: string[];
	lines: HunkLine[];
	/** `*** End of File`: the hunk's old lines must be the last lines of the file. */
	endOfFile: boolean;
};

/** One file operation of a patch. Paths are relative to the repository root and normalised. */
export type PatchOp =
	| { type: 'add'; path: string; contents: string }
	| { type: 'delete'; path: string }
	| { type: 'update'; path: string; movePath?: string; hunks: Hunk[] };

/** The seam where a sandbox plugs in: `read` answers null for a file that does not exist. */
export type FileAccess = {
	read(path: string): Promise<string | null>;
	write(path: string, text: string): Promise<void>;
	remove(path: string): Promise<void>;
};

/** What one operation did; `before`/`after` are whole file texts, for the UI's diff. */
export type AppliedChange = {
	type: 'add' | 'delete' | 'update';
	path: string;
	movePath?: string;
	before?: string;
	after?: string;
};
