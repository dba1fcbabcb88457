import { baseName } from './ignore-matcher.ts';
import {
	DEFAULT_MIN_SCORE,
	estimateSimilarity,
	MAX_SCORE,
	spanCounts,
	type SpanCounts
} from './similarity.ts';

export type RenameSide = { path: string; mode: string; oid: string };

/** A side whose content rename detection may compare. */
export type ContentSide = RenameSide & { bytes: Uint8Array };

/** A rename found by similarity: the deleted side and git's score (0–60000). */
export type SimilarPair = { source: RenameSide; score: number };

/** diff.renameLimit's default: past this many sources × destinations (squared), git stops. */
const RENAME_LIMIT = 1000;
/** Candidates git keeps per destination (NUM_CANDIDATE_PER_DST). */
const CANDIDATES_PER_DST = 4;

/**
 * Exact renames, as git's find_exact_renames pairs them: a deleted and an added file with the
 * same content (a symlink only with a symlink); a candidate with the same base name is
 * preferred; each side pairs once. Returns added path → deleted side.
 */
export function pairRenames(added: RenameSide[], deleted: RenameSide[]): Map<string, RenameSide> {
	const byOid = new Map<string, RenameSide[]>();
	for (const side of deleted) byOid.set(side.oid, [...(byOid.get(side.oid) ?? []), side]);
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

/**
 * Renames by similarity among what exact matching left, as git's diffcore_rename finds them
 * (-M, 50 %): first pairs whose base name is unique among the sources and among the
 * destinations, at 75 % (find_basename_matches); then every destination against every source,
 * the best four per destination kept, all sorted by score (same base name first on a tie) and
 * taken greedily, each source once. Only regular files; both lists sorted by path.
 */
export function pairSimilar(
	added: ContentSide[],
	deleted: ContentSide[],
	minScore = DEFAULT_MIN_SCORE
): Map<string, SimilarPair> {
	const dsts = added;
	let srcs = deleted;
	const pairs = new Map<string, SimilarPair>();
	if (!dsts.length || !srcs.length) return pairs;
	const counts = new Map<ContentSide, SpanCounts>();
	const view = (side: ContentSide) => ({
		size: side.bytes.length,
		counts: () => {
			let found = counts.get(side);
			if (!found) counts.set(side, (found = spanCounts(side.bytes)));
			return found;
		}
	});
	// Symlinks are renamed only when exact (estimate_similarity scores them 0).
	const score = (src: ContentSide, dst: ContentSide) =>
		isRegular(src.mode) && isRegular(dst.mode)
			? estimateSimilarity(view(src), view(dst), minScore)
			: 0;
	const used = new Set<ContentSide>();
	const basenameScore = minScore + Math.floor((MAX_SCORE - minScore) / 2);
	const uniqueSrc = uniqueByBase(srcs);
	const uniqueDst = uniqueByBase(dsts);
	for (const src of srcs) {
		const dst = uniqueDst.get(baseName(src.path));
		if (!dst || uniqueSrc.get(baseName(src.path)) !== src) continue;
		const found = score(src, dst);
		if (found < basenameScore) continue;
		pairs.set(dst.path, { source: src, score: found });
		used.add(src);
	}
	srcs = srcs.filter((src) => !used.has(src));
	const remaining = dsts.filter((dst) => !pairs.has(dst.path));
	if (!srcs.length || !remaining.length) return pairs;
	if (srcs.length * remaining.length > RENAME_LIMIT * RENAME_LIMIT) return pairs;
	type Candidate = { dst: number; src: number; score: number; sameName: boolean };
	const candidates: Candidate[] = [];
	remaining.forEach((dst, d) => {
		const best: Candidate[] = [];
		srcs.forEach((src, s) => {
			const candidate = {
				dst: d,
				src: s,
				score: score(src, dst),
				sameName: sameBaseName(src.path, dst.path)
			};
			if (best.length < CANDIDATES_PER_DST) best.push(candidate);
			else {
				let worst = 0;
				for (let i = 1; i < best.length; i++) if (compare(best[i]!, best[worst]!) > 0) worst = i;
				if (compare(best[worst]!, candidate) > 0) best[worst] = candidate;
			}
		});
		candidates.push(...best);
	});
	// Array.prototype.sort is stable, as git's STABLE_QSORT.
	candidates.sort(compare);
	const taken = new Set<number>();
	for (const candidate of candidates) {
		if (candidate.score < minScore) break;
		const dst = remaining[candidate.dst]!;
		if (pairs.has(dst.path) || taken.has(candidate.src)) continue;
		pairs.set(dst.path, { source: srcs[candidate.src]!, score: candidate.score });
		taken.add(candidate.src);
	}
	return pairs;
}

/** git's score_compare: higher score first, then a same base name. */
function compare(
	a: { score: number; sameName: boolean },
	b: { score: number; sameName: boolean }
): number {
	if (a.score === b.score) return Number(b.sameName) - Number(a.sameName);
	return b.score - a.score;
}

/** Base name → the one side with it; a name two sides share maps to nothing. */
function uniqueByBase(sides: ContentSide[]): Map<string, ContentSide> {
	const found = new Map<string, ContentSide | null>();
	for (const side of sides) {
		const name = baseName(side.path);
		found.set(name, found.has(name) ? null : side);
	}
	const unique = new Map<string, ContentSide>();
	for (const [name, side] of found) if (side) unique.set(name, side);
	return unique;
}

function sameBaseName(a: string, b: string): boolean {
	return baseName(a) === baseName(b);
}

function isLink(side: RenameSide): boolean {
	return side.mode === '120000';
}

function isRegular(mode: string): boolean {
	return mode === '100644' || mode === '100755';
}
