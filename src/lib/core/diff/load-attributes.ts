// The clean conversion for one scan of the working tree: the .gitattributes files read as git
// reads them when checking files in (the working tree's, and the baseline's — git's index —
// for a folder whose working-tree file is missing or a symlink), then each file's CRLF→LF as
// `git add` would store it. No .gitattributes anywhere, the usual case, costs nothing.
import { cleanEol, crlfAction } from './eol-clean.ts';
import {
	createAttributeMatcher,
	parseGitattributes,
	type AttributeMatcher
} from './git-attributes.ts';
import { parentOf } from './ignore-matcher.ts';
import type { BaselineEntry, SandboxEntry } from './types.ts';

/** A working-tree file's bytes as git would hash them. */
export type CleanFile = (path: string, bytes: Uint8Array) => Promise<Uint8Array>;

const NAME = '.gitattributes';
const decoder = new TextDecoder();

const isAttributesFile = (path: string) => path === NAME || path.endsWith(`/${NAME}`);

export async function loadAttributes(
	listing: SandboxEntry[],
	read: (path: string) => Promise<Uint8Array>,
	tracked: Map<string, BaselineEntry>,
	readBaseline: (oid: string) => Promise<Uint8Array>
): Promise<AttributeMatcher | null> {
	const sources = new Map<string, () => Promise<Uint8Array>>();
	for (const entry of tracked.values()) {
		if (entry.mode !== '120000' && isAttributesFile(entry.path)) {
			sources.set(entry.path, () => readBaseline(entry.oid));
		}
	}
	// git opens the working tree's file without following a symlink (2.32+), then the index's.
	for (const entry of listing) {
		if (entry.mode !== '120000' && isAttributesFile(entry.path)) {
			sources.set(entry.path, () => read(entry.path));
		}
	}
	if (!sources.size) return null;
	const matcher = createAttributeMatcher();
	const paths = [...sources.keys()];
	const texts = await Promise.all(
		paths.map(async (path) => decoder.decode(await sources.get(path)!()))
	);
	paths.forEach((path, i) => matcher.addFile(parentOf(path), parseGitattributes(texts[i]!)));
	return matcher;
}

/**
 * The clean step for a scan; null when no attribute asks for one. `tracked` gives the index
 * blob "safer autocrlf" looks at: the baseline's, since nothing is ever staged here.
 */
export async function loadCleaner(
	listing: SandboxEntry[],
	read: (path: string) => Promise<Uint8Array>,
	tracked: Map<string, BaselineEntry>,
	readBaseline: (oid: string) => Promise<Uint8Array>
): Promise<CleanFile | null> {
	const matcher = await loadAttributes(listing, read, tracked, readBaseline);
	if (!matcher) return null;
	return async (path, bytes) => {
		const action = crlfAction(matcher.attributesOf(path));
		const base = tracked.get(path);
		return cleanEol(bytes, action, async () => (base ? readBaseline(base.oid) : null));
	};
}
