// Which package manager installs a repository, and how: from its lockfiles first, then from
// package.json's `packageManager` field, then npm.
import type { DeclaredManager, PackageManager } from './types.ts';

export type InstallChoice = { manager: PackageManager; script: string; notes: string[] };

/**
 * In order of precedence when several are committed — the order of package-manager-detector
 * (used by ni and Nuxt's tools): bun, pnpm, yarn, npm. A non-npm lockfile is a deliberate
 * choice; a package-lock.json beside it is usually left over from one stray `npm install`.
 */
const LOCKFILES: ReadonlyArray<{ name: string; manager: PackageManager }> = [
	{ name: 'bun.lock', manager: 'bun' },
	{ name: 'bun.lockb', manager: 'bun' },
	{ name: 'pnpm-lock.yaml', manager: 'pnpm' },
	{ name: 'yarn.lock', manager: 'yarn' },
	{ name: 'package-lock.json', manager: 'npm' },
	{ name: 'npm-shrinkwrap.json', manager: 'npm' }
];

const BUN_NOTE =
	'Bun is a native program the WebContainer cannot run; ' +
	'if setup fails there, use `npm install` instead.';

/** The install command for a repository whose root holds `root` (file names). */
export function chooseInstall(
	root: ReadonlySet<string>,
	declared: DeclaredManager | null
): InstallChoice {
	const found = LOCKFILES.filter((lock) => root.has(lock.name));
	const managers = [...new Set(found.map((lock) => lock.manager))];
	const berry = isBerry(root, declared);
	if (managers.length === 0) {
		const manager = declared?.name ?? (root.has('pnpm-workspace.yaml') ? 'pnpm' : 'npm');
		const note =
			`No lockfile: \`${manager} install\` resolves versions afresh, ` +
			'so they may differ from the ones the project was tested with.';
		return withBunNote({ manager, script: `${manager} install`, notes: [note] });
	}
	const notes: string[] = [];
	let manager = managers[0]!;
	if (managers.length > 1) {
		const named = declared && managers.includes(declared.name);
		if (named) manager = declared.name;
		const reason = named
			? `package.json's packageManager field names ${manager}`
			: 'precedence: bun, pnpm, yarn, npm';
		notes.push(`Found ${names(found)}; using ${manager} (${reason}).`);
	} else if (declared && declared.name !== manager) {
		notes.push(
			`package.json's packageManager field names ${declared.name}, ` +
				`but the lockfile is ${names(found)}; following the lockfile.`
		);
	}
	return withBunNote({ manager, script: frozenInstall(manager, berry), notes });
}

/**
 * Installs exactly what the lockfile pins, failing rather than rewriting it. Each is the
 * manager's own command, not `npx pnpm` or an npm stand-in: StackBlitz documents npm, pnpm and
 * Yarn 1 as built into WebContainers since April 2024, when its own client (Turbo, which read
 * only package-lock.json) was removed — so `pnpm install --frozen-lockfile` runs there as it is,
 * and honours pnpm-lock.yaml, which npm would ignore (developer.stackblitz.com, "Turbo Package
 * Manager"). Bun is not built in (see BUN_NOTE). On Lite none of them runs: setup is skipped
 * there (core/environments/node-commands.ts).
 */
function frozenInstall(manager: PackageManager, berry: boolean): string {
	switch (manager) {
		case 'npm':
			return 'npm ci';
		case 'pnpm':
			return 'pnpm install --frozen-lockfile';
		case 'yarn':
			// Yarn 2+ renamed the flag; the old one only survives as a deprecated alias.
			return berry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
		case 'bun':
			return 'bun install --frozen-lockfile';
	}
}

/** Yarn 2+ ("berry") keeps its settings in .yarnrc.yml; Yarn 1 never reads that file. */
function isBerry(root: ReadonlySet<string>, declared: DeclaredManager | null): boolean {
	if (declared?.name === 'yarn' && declared.major !== null) return declared.major >= 2;
	return root.has('.yarnrc.yml');
}

function withBunNote(choice: InstallChoice): InstallChoice {
	return choice.manager === 'bun' ? { ...choice, notes: [...choice.notes, BUN_NOTE] } : choice;
}

function names(found: ReadonlyArray<{ name: string }>): string {
	return found.map((lock) => lock.name).join(', ');
}
