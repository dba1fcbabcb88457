/** The JavaScript package managers a setup script can use. */
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A repository's files as the proposer sees them: paths from the root, and a reader. */
export type RepoFiles = {
	list: string[];
	/** The file's text, or null when it is absent or unreadable. */
	read(path: string): Promise<string | null>;
};

/** A first environment for a repository, made without asking the person anything. */
export type SetupProposal = {
	script: string;
	testCommand: string | null;
	/** Why the proposal looks as it does, where that is not obvious; shown to the person. */
	notes: string[];
	packageManager: PackageManager | null;
};

/** package.json's `packageManager` field (Corepack's), e.g. `pnpm@9.1.0` → pnpm, 9. */
export type DeclaredManager = { name: PackageManager; major: number | null };
