import type { FileChange } from './types.ts';

/** git's scale for similarity scores (diffcore.h's MAX_SCORE): 100 % is 60000. */
export const MAX_SCORE = 60000;
/** git's default rename threshold, -M50%. */
export const DEFAULT_MIN_SCORE = 30000;

const HASHBASE = 107927;
/** buffer_is_binary looks for a NUL in this many bytes. */
const FIRST_FEW_BYTES = 8000;

/** Chunk hash → bytes in chunks with that hash, as git's diffcore-delta hash_chars counts. */
export type SpanCounts = Map<number, number>;

/**
 * diffcore-delta.c's hash_chars: the content cut into chunks that end at a newline or after 64
 * bytes, each hashed; a CR before LF is skipped in text. Two files' shared bytes are then
 * counted chunk-hash by chunk-hash, which is how git measures how much of a file moved.
 */
export function spanCounts(bytes: Uint8Array): SpanCounts {
	const text = !bytes.subarray(0, FIRST_FEW_BYTES).includes(0);
	const counts: SpanCounts = new Map();
	let n = 0;
	let accum1 = 0;
	let accum2 = 0;
	const add = () => {
		const hash = ((accum1 + Math.imul(accum2, 0x61)) >>> 0) % HASHBASE;
		counts.set(hash, (counts.get(hash) ?? 0) + n);
		n = 0;
		accum1 = accum2 = 0;
	};
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes[i]!;
		if (text && c === 0x0d && i + 1 < bytes.length && bytes[i + 1] === 0x0a) continue;
		const old1 = accum1;
		accum1 = (((accum1 << 7) ^ (accum2 >>> 25)) + c) >>> 0;
		accum2 = ((accum2 << 7) ^ (old1 >>> 25)) >>> 0;
		if (++n < 64 && c !== 0x0a) continue;
		add();
	}
	if (n > 0) add();
	return counts;
}

/** diffcore_count_changes' src_copied: the bytes of `src` found again in `dst`. */
function copiedBytes(src: SpanCounts, dst: SpanCounts): number {
	let copied = 0;
	for (const [hash, count] of src) copied += Math.min(count, dst.get(hash) ?? 0);
	return copied;
}

/**
 * diffcore-rename.c's estimate_similarity: 0–60000, the share of the larger side's bytes that
 * `src` carries into `dst`; 0 when the sizes alone differ by more than the threshold allows.
 */
export function estimateSimilarity(
	src: { size: number; counts: () => SpanCounts },
	dst: { size: number; counts: () => SpanCounts },
	minScore = DEFAULT_MIN_SCORE
): number {
	const max = Math.max(src.size, dst.size);
	const base = Math.min(src.size, dst.size);
	if (max * (MAX_SCORE - minScore) < (max - base) * MAX_SCORE) return 0;
	if (!dst.size) return 0;
	return Math.floor((copiedBytes(src.counts(), dst.counts()) * MAX_SCORE) / max);
}

/** The `similarity index` of a rename, in percent (100 when the content is the same). */
export function similarityIndex(change: FileChange): number {
	if (change.similarity !== undefined) return change.similarity;
	const { before, after } = change;
	if (!before || !after) return 0;
	if (sameBytes(before, after)) return 100;
	const side = (bytes: Uint8Array) => ({ size: bytes.length, counts: () => spanCounts(bytes) });
	return Math.floor((estimateSimilarity(side(before), side(after), 0) * 100) / MAX_SCORE);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
