// Shortened object ids as git shortens them with core.abbrev unset ("auto", git's
// find_unique_abbrev): the length grows with the repository's approximate object count —
// msb(count) + 1 bits, halved and rounded up to hex digits, at least 7 — and a prefix another
// known object shares is lengthened until it is unique. The objects counted are the ones a
// depth-1 clone of the baseline holds, which is what Patchbay knows: the commit, its trees
// (one per folder) and its blobs.
import type { Baseline } from '../../git/index.ts';

const MIN_ABBREV = 7;

export type Abbrev = {
	/** The length for an id no other known object shares a prefix with. */
	length: number;
	/** `oid` shortened to `length`, or longer where another known object shares that prefix. */
	short(oid: string): string;
};

const cache = new WeakMap<Baseline, Abbrev>();

export function abbrevFor(baseline: Baseline): Abbrev {
	let abbrev = cache.get(baseline);
	if (!abbrev) cache.set(baseline, (abbrev = build(baseline)));
	return abbrev;
}

/** The number of hex digits git's auto abbreviation gives a repository of `count` objects. */
export function autoAbbrevLength(count: number): number {
	const bits = count > 0 ? Math.floor(Math.log2(count)) + 1 : 1;
	return Math.max(MIN_ABBREV, Math.ceil(bits / 2));
}

function build(baseline: Baseline): Abbrev {
	const known = new Set<string>([baseline.commit, baseline.tree]);
	const dirs = new Set<string>();
	for (const entry of [...baseline.entries, ...baseline.skipped]) {
		// A gitlink names a commit of another repository, not an object of this one.
		if (!('reason' in entry) || entry.reason !== 'submodule') known.add(entry.oid);
		for (
			let slash = entry.path.indexOf('/');
			slash >= 0;
			slash = entry.path.indexOf('/', slash + 1)
		) {
			dirs.add(entry.path.slice(0, slash));
		}
	}
	const length = autoAbbrevLength(known.size + dirs.size);
	const sorted = [...known].sort();
	return {
		length,
		short(oid) {
			let len = length;
			// The neighbours in sorted order share the longest prefixes with `oid`.
			const at = lowerBound(sorted, oid);
			const after = sorted[at] === oid ? sorted[at + 1] : sorted[at];
			for (const other of [sorted[at - 1], after]) {
				if (other) len = Math.max(len, commonPrefix(oid, other) + 1);
			}
			return oid.slice(0, Math.min(len, oid.length));
		}
	};
}

function lowerBound(sorted: string[], value: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function commonPrefix(a: string, b: string): number {
	let i = 0;
	while (i < a.length && a[i] === b[i]) i++;
	return i;
}
