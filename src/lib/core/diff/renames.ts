import { baseName } from './ignore-matcher.ts';

export type RenameSide = { path: string; mode: string; oid: string };

/** The blob id of an empty file: git never pairs empty files as renames, neither do we. */
const EMPTY_BLOB_OID = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

/**
 * Exact renames: a deleted and an added file with the same content and the same kind
 * (symlink or not). Like git, a same-named candidate is preferred; each side pairs once.
 * Returns added path → deleted side.
 */
export function pairRenames(added: RenameSide[], deleted: RenameSide[]): Map<string, RenameSide> {
	const byOid = new Map<string, RenameSide[]>();
	for (const side of deleted) {
		if (side.oid === EMPTY_BLOB_OID) continue;
		byOid.set(side.oid, [...(byOid.get(side.oid) ?? []), side]);
	}
	const pairs = new Map<string, RenameSide>();
	for (const side of added) {
		const sources = byOid.get(side.oid)?.filter((source) => isLink(source) === isLink(side));
		if (!sources?.length) continue;
		const source = sources.find((s) => baseName(s.path) === baseName(side.path)) ?? sources[0]!;
		pairs.set(side.path, source);
		byOid.set(
			side.oid,
			byOid.get(side.oid)!.filter((s) => s !== source)
		);
	}
	return pairs;
}

function isLink(side: RenameSide): boolean {
	return side.mode === '120000';
}
