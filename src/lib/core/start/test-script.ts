// The test command package.json suggests: its `test` script, else the nearest stand-in.
import type { PackageManager } from './types.ts';

export type ScriptTest = { command: string | null; notes: string[] };

/** Tried in order when `test` is missing or npm's placeholder. */
const FALLBACKS = ['test:unit', 'check'];

/** `npm init` writes this; it fails on purpose and tests nothing. */
const PLACEHOLDER = /no test specified/i;

export function testFromScripts(
	scripts: Readonly<Record<string, string>>,
	manager: PackageManager
): ScriptTest {
	const notes: string[] = [];
	const test = script(scripts, 'test');
	if (test !== null && !PLACEHOLDER.test(test)) return { command: run(manager, 'test'), notes };
	if (test !== null) notes.push("package.json's test script is npm's placeholder; it was skipped.");
	for (const name of FALLBACKS) {
		if (script(scripts, name) === null) continue;
		notes.push(`No usable test script; proposing the \`${name}\` script instead.`);
		return { command: run(manager, name), notes };
	}
	return { command: null, notes };
}

function script(scripts: Readonly<Record<string, string>>, name: string): string | null {
	const value = Object.hasOwn(scripts, name) ? scripts[name] : undefined;
	return value !== undefined && value.trim() ? value : null;
}

function run(manager: PackageManager, name: string): string {
	if (name !== 'test') return `${manager} run ${name}`;
	// `bun test` is Bun's own test runner, not the package's script; `bun run test` is the script.
	return manager === 'bun' ? 'bun run test' : `${manager} test`;
}
