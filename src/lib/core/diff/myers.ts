/**
 * Myers' O(ND) difference in linear space, as git's xdiff runs it (xdiffi.c's xdl_recs_cmp and
 * xdl_split): the middle-snake split; past 256 edits, a split at a diagonal that has just run
 * along a snake of more than 20 equal lines (xdiff's "interesting path" heuristic); and past a
 * cost cap of about √N, the furthest-reaching diagonal instead of the optimum. So one split of a
 * pathological input costs O(N·√N) rather than O(N·D), the diff stays valid, and where git
 * settles for a non-minimal diff this settles for the same one.
 */
export type Changed = { changedA: Uint8Array; changedB: Uint8Array };

type Quad = [number, number, number, number];

type Split = { i1: number; i2: number; minLo: boolean; minHi: boolean };

type Context = {
	a: Int32Array;
	b: Int32Array;
	forward: Int32Array;
	backward: Int32Array;
	offset: number;
	maxCost: number;
};

/** xdiff's constants: the cost cap's floor, the heuristic's trigger, a "good snake", its factor. */
const MAX_COST_MIN = 256;
const HEUR_MIN_COST = 256;
const SNAKE_CNT = 20;
const K_HEUR = 4;

/** xdiff's xdl_bogosqrt: the power of two near √n that sizes its cost cap. */
export function bogoSqrt(n: number): number {
	let i = 1;
	for (; n > 0; n >>= 2) i <<= 1;
	return i;
}

const UNREACHED = 0x7fffffff;

/** Marks the elements of `a` and `b` left out of a common subsequence of the two. */
export function compareSequences(a: Int32Array, b: Int32Array): Changed {
	const changedA = new Uint8Array(a.length);
	const changedB = new Uint8Array(b.length);
	const diagonals = a.length + b.length + 3;
	const ctx: Context = {
		a,
		b,
		forward: new Int32Array(diagonals),
		backward: new Int32Array(diagonals),
		offset: b.length + 1,
		maxCost: Math.max(MAX_COST_MIN, bogoSqrt(diagonals))
	};
	const stack: Array<[number, number, number, number, boolean]> = [
		[0, a.length, 0, b.length, false]
	];
	for (let job = stack.pop(); job; job = stack.pop()) {
		let [aLo, aHi, bLo, bHi] = job;
		while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
			aLo++;
			bLo++;
		}
		while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
			aHi--;
			bHi--;
		}
		if (aLo === aHi || bLo === bHi) {
			changedA.fill(1, aLo, aHi);
			changedB.fill(1, bLo, bHi);
			continue;
		}
		const split = findSplit(ctx, aLo, aHi, bLo, bHi, job[4]);
		const atCorner =
			(split.i1 === aLo && split.i2 === bLo) || (split.i1 === aHi && split.i2 === bHi);
		if (atCorner) {
			// Never seen, but a split that makes no progress would loop forever.
			changedA.fill(1, aLo, aHi);
			changedB.fill(1, bLo, bHi);
			continue;
		}
		stack.push([split.i1, aHi, split.i2, bHi, split.minHi]);
		stack.push([aLo, split.i1, bLo, split.i2, split.minLo]);
	}
	return { changedA, changedB };
}

/** Runs forward and backward searches until they meet (or the cost cap says stop). */
function findSplit(
	ctx: Context,
	aLo: number,
	aHi: number,
	bLo: number,
	bHi: number,
	needMin: boolean
): Split {
	const { a, b, forward: fw, backward: bw, offset: o } = ctx;
	const dMin = aLo - bHi;
	const dMax = aHi - bLo;
	const fMid = aLo - bLo;
	const bMid = aHi - bHi;
	const odd = ((fMid - bMid) & 1) !== 0;
	let [fMin, fMax, bMin, bMax] = [fMid, fMid, bMid, bMid];
	fw[fMid + o] = aLo;
	bw[bMid + o] = aHi;
	for (let cost = 1; ; cost++) {
		let gotSnake = false;
		if (fMin > dMin) fw[--fMin - 1 + o] = -1;
		else ++fMin;
		if (fMax < dMax) fw[++fMax + 1 + o] = -1;
		else --fMax;
		for (let d = fMax; d >= fMin; d -= 2) {
			let i1 = fw[d - 1 + o]! >= fw[d + 1 + o]! ? fw[d - 1 + o]! + 1 : fw[d + 1 + o]!;
			const from = i1;
			let i2 = i1 - d;
			while (i1 < aHi && i2 < bHi && a[i1] === b[i2]) {
				i1++;
				i2++;
			}
			if (i1 - from > SNAKE_CNT) gotSnake = true;
			fw[d + o] = i1;
			if (odd && bMin <= d && d <= bMax && bw[d + o]! <= i1) {
				return { i1, i2, minLo: true, minHi: true };
			}
		}
		if (bMin > dMin) bw[--bMin - 1 + o] = UNREACHED;
		else ++bMin;
		if (bMax < dMax) bw[++bMax + 1 + o] = UNREACHED;
		else --bMax;
		for (let d = bMax; d >= bMin; d -= 2) {
			let i1 = bw[d - 1 + o]! < bw[d + 1 + o]! ? bw[d - 1 + o]! : bw[d + 1 + o]! - 1;
			const from = i1;
			let i2 = i1 - d;
			while (i1 > aLo && i2 > bLo && a[i1 - 1] === b[i2 - 1]) {
				i1--;
				i2--;
			}
			if (from - i1 > SNAKE_CNT) gotSnake = true;
			bw[d + o] = i1;
			if (!odd && fMin <= d && d <= fMax && i1 <= fw[d + o]!) {
				return { i1, i2, minLo: true, minHi: true };
			}
		}
		if (needMin) continue;
		const box: Quad = [aLo, aHi, bLo, bHi];
		const reach: Quad = [fMin, fMax, bMin, bMax];
		if (gotSnake && cost > HEUR_MIN_COST) {
			const found = interestingPath(ctx, box, reach, cost, fMid, bMid);
			if (found) return found;
		}
		if (cost >= ctx.maxCost) return furthestReaching(ctx, box, reach);
	}
}

/**
 * xdiff's heuristic for costly inputs: a diagonal far along (its distance from the corner, less
 * its distance from the middle diagonal, over 4× the cost) that ends a run of 20 equal lines is
 * taken as a split; forward diagonals first, then backward ones.
 */
function interestingPath(
	ctx: Context,
	[aLo, aHi, bLo, bHi]: Quad,
	[fMin, fMax, bMin, bMax]: Quad,
	cost: number,
	fMid: number,
	bMid: number
): Split | null {
	const { a, b, forward: fw, backward: bw, offset: o } = ctx;
	let best = 0;
	let split: Split | null = null;
	for (let d = fMax; d >= fMin; d -= 2) {
		const i1 = fw[d + o]!;
		const i2 = i1 - d;
		const v = i1 - aLo + (i2 - bLo) - Math.abs(d - fMid);
		if (v <= K_HEUR * cost || v <= best) continue;
		if (!(aLo + SNAKE_CNT <= i1 && i1 < aHi && bLo + SNAKE_CNT <= i2 && i2 < bHi)) continue;
		for (let k = 1; a[i1 - k] === b[i2 - k]; k++) {
			if (k === SNAKE_CNT) {
				best = v;
				split = { i1, i2, minLo: true, minHi: false };
				break;
			}
		}
	}
	if (split) return split;
	for (let d = bMax; d >= bMin; d -= 2) {
		const i1 = bw[d + o]!;
		const i2 = i1 - d;
		const v = aHi - i1 + (bHi - i2) - Math.abs(d - bMid);
		if (v <= K_HEUR * cost || v <= best) continue;
		if (!(aLo < i1 && i1 <= aHi - SNAKE_CNT && bLo < i2 && i2 <= bHi - SNAKE_CNT)) continue;
		for (let k = 0; a[i1 + k] === b[i2 + k]; k++) {
			if (k === SNAKE_CNT - 1) {
				best = v;
				split = { i1, i2, minLo: false, minHi: true };
				break;
			}
		}
	}
	return split;
}

/** The cost cap is hit: split where the forward or backward search got furthest. */
function furthestReaching(
	ctx: Context,
	[aLo, aHi, bLo, bHi]: Quad,
	[fMin, fMax, bMin, bMax]: Quad
): Split {
	const { forward: fw, backward: bw, offset: o } = ctx;
	let fBest = -1;
	let fBestI1 = -1;
	for (let d = fMax; d >= fMin; d -= 2) {
		let i1 = Math.min(fw[d + o]!, aHi);
		let i2 = i1 - d;
		if (bHi < i2) [i1, i2] = [bHi + d, bHi];
		if (fBest < i1 + i2) [fBest, fBestI1] = [i1 + i2, i1];
	}
	let bBest = UNREACHED;
	let bBestI1 = UNREACHED;
	for (let d = bMax; d >= bMin; d -= 2) {
		let i1 = Math.max(aLo, bw[d + o]!);
		let i2 = i1 - d;
		if (i2 < bLo) [i1, i2] = [bLo + d, bLo];
		if (i1 + i2 < bBest) [bBest, bBestI1] = [i1 + i2, i1];
	}
	if (aHi + bHi - bBest < fBest - (aLo + bLo)) {
		return { i1: fBestI1, i2: fBest - fBestI1, minLo: true, minHi: false };
	}
	return { i1: bBestI1, i2: bBest - bBestI1, minLo: false, minHi: true };
}
