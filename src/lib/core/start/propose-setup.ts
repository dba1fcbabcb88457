// Zero-step start: a setup script and a test command guessed from a repository's root files,
// so a person can paste a repo and start a task without writing either.
import { testCommandFromAgents } from './agents-test-command.ts';
import { chooseInstall } from './lockfiles.ts';
import { alsoNote, detectRuntimes, noNodeNote } from './other-runtimes.ts';
import { readPackageJson } from './package-json.ts';
import { testFromScripts } from './test-script.ts';
import type { RepoFiles, SetupProposal } from './types.ts';

/** Codex's names, override first: the file the agent itself will read at the root. */
const AGENTS_FILES = ['AGENTS.override.md', 'AGENTS.md'];
/** Every file `proposeSetup` may read; the rest it judges by name from the listing alone. */
const READS = [...AGENTS_FILES, 'package.json'];

/**
 * The files `proposeSetup` will read for a repository with these paths: a caller holding only
 * the tree listing fetches these few and nothing else (lockfiles are judged by name).
 */
export function proposerReads(list: string[]): string[] {
	const root = rootNames(list);
	return READS.filter((name) => root.has(name));
}

/**
 * Install: by lockfile (see lockfiles.ts for the precedence). Tests: an AGENTS.md that names a
 * test command wins — it is the project's word to agents — else package.json's scripts.
 */
export async function proposeSetup(files: RepoFiles): Promise<SetupProposal> {
	const root = rootNames(files.list);
	const fromAgents = await agentsTestCommand(files, root);
	const runtimes = detectRuntimes(root);
	if (!root.has('package.json')) {
		const notes = [noNodeNote(runtimes)];
		if (fromAgents) notes.push(`Test command from ${fromAgents.file}.`);
		return { script: '', testCommand: fromAgents?.command ?? null, notes, packageManager: null };
	}
	const { pkg, notes } = readPackageJson(await files.read('package.json'));
	const install = chooseInstall(root, pkg.declared);
	const fromScripts = testFromScripts(pkg.scripts, install.manager);
	notes.push(...install.notes);
	let testCommand = fromScripts.command;
	if (fromAgents) {
		const instead = testCommand && testCommand !== fromAgents.command;
		notes.push(
			instead
				? `Test command from ${fromAgents.file}, in place of \`${testCommand}\` from package.json.`
				: `Test command from ${fromAgents.file}.`
		);
		testCommand = fromAgents.command;
	} else notes.push(...fromScripts.notes);
	if (runtimes.length > 0) notes.push(alsoNote(runtimes));
	return { script: install.script, testCommand, notes, packageManager: install.manager };
}

/** The names of the files at the repository's root. */
function rootNames(list: string[]): Set<string> {
	const names = list.map((path) => path.replace(/^\.?\/+/, ''));
	return new Set(names.filter((name) => name && !name.includes('/')));
}

async function agentsTestCommand(files: RepoFiles, root: ReadonlySet<string>) {
	for (const file of AGENTS_FILES) {
		if (!root.has(file)) continue;
		const text = await files.read(file);
		// An empty file says nothing, and Codex moves on to the next name; so do we.
		if (!text?.trim()) continue;
		const command = testCommandFromAgents(text);
		return command ? { file, command } : null;
	}
	return null;
}
