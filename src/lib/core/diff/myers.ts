/**
 * Myers' O(ND) difference in linear space, after xdiff (git's diff engine): the middle-snake
 * split, and past a cost cap the furthest-reaching diagonal instead of the optimum, so one
 * split of a pathological input costs O(N·√N) rather than O(N·D) and the diff stays valid.
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
		maxCost: Math.max(256, Math.floor(Math.sqrt(diagonals)))
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
		if (fMin > dMin) fw[--fMin - 1 + o] = -1;
		else ++fMin;
		if (fMax < dMax) fw[++fMax + 1 + o] = -1;
		else --fMax;
		for (let d = fMax; d >= fMin; d -= 2) {
			let i1 = fw[d - 1 + o]! >= fw[d + 1 + o]! ? fw[d - 1 + o]! + 1 : fw[d + 1 + o]!;
			let i2 = i1 - d;
			while (i1 < aHi && i2 < bHi && a[i1] === b[i2]) {
				i1++;
				i2++;
			}
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
			let i2 = i1 - d;
			while (i1 > aLo && i2 > bLo && a[i1 - 1] === b[i2 - 1]) {
				i1--;
				i2--;
			}
			bw[d + o] = i1;
			if (!odd && fMin <= d && d <= fMax && i1 <= fw[d + o]!) {
				return { i1, i2, minLo: true, minHi: true };
			}
		}
		if (!needMin && cost >= ctx.maxCost) {
			return furthestReaching(ctx, [aLo, aHi, bLo, bHi], [fMin, fMax, bMin, bMax]);
		}
	}
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
