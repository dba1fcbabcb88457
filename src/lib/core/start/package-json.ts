// package.json is repository content: anything may be in it, and none of it may crash a proposal.
import type { DeclaredManager, PackageManager } from './types.ts';

export type PackageJson = { scripts: Record<string, string>; declared: DeclaredManager | null };

const EMPTY: PackageJson = { scripts: {}, declared: null };
const MANAGER_FIELD = /^(npm|pnpm|yarn|bun)@(\d+)?/;

/** The parts of package.json a proposal uses, with a note when the file cannot be used. */
export function readPackageJson(text: string | null): { pkg: PackageJson; notes: string[] } {
	if (text === null) {
		return { pkg: EMPTY, notes: ['package.json could not be read; no test command came from it.'] };
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		// The parser's own message differs between engines; the person needs only the fact.
		const note =
			'package.json is not valid JSON, so no test command came from it; ' +
			'the install will fail until it is fixed.';
		return { pkg: EMPTY, notes: [note] };
	}
	if (!isRecord(value)) {
		return { pkg: EMPTY, notes: ['package.json does not hold a JSON object; it was ignored.'] };
	}
	return { pkg: { scripts: stringEntries(value.scripts), declared: declared(value) }, notes: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringEntries(value: unknown): Record<string, string> {
	if (!isRecord(value)) return {};
	// fromEntries defines own properties, so a script named `__proto__` stays a plain entry.
	return Object.fromEntries(
		Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
	);
}

function declared(pkg: Record<string, unknown>): DeclaredManager | null {
	const field = pkg.packageManager;
	if (typeof field !== 'string') return null;
	const match = MANAGER_FIELD.exec(field.trim());
	if (!match) return null;
	const major = match[2] === undefined ? null : Number(match[2]);
	return { name: match[1] as PackageManager, major };
}
