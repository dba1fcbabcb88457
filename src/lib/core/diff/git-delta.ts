/**
 * git's binary delta (diff-delta.c: create_delta_index + create_delta), reproduced byte for byte
 * so a `delta` hunk of a `GIT binary patch` is the one `git diff --binary` writes.
 *
 * The source is indexed by a Rabin fingerprint of every 16-byte block (RABIN_WINDOW), walking
 * from the end so a run of identical blocks keeps its lowest copy; a hash bucket holds at most
 * HASH_LIMIT entries, thinned evenly across the source. The target is scanned with a rolling
 * fingerprint: the longest match of at least 4 bytes becomes a copy op (extended backwards over
 * bytes just inserted, at most 64 KiB per op), anything else goes out as inserts of up to 127
 * bytes. The format is git's pack delta: both sizes as 7-bit varints, then the ops.
 */

const RABIN_WINDOW = 16;
const RABIN_SHIFT = 23;
const HASH_LIMIT = 64;
/** The low bits of git's degree-31 Rabin polynomial (T[1] without its top bit). */
const POLYNOMIAL = 0x2b59b4d1;
/** A match this long is good enough: stop searching the bucket. */
const GOOD_ENOUGH = 4096;
/** A copy op moves at most this much (pack v2). */
const MAX_COPY = 0x10000;

/** T[i]: what a byte shifted out of the 31-bit fingerprint contributes (i·x^31 mod P). */
const T = buildShiftTable();
/** U[i]: a byte's contribution 16 bytes later, XORed out as it leaves the window. */
const U = buildWindowTable();

function buildShiftTable(): Uint32Array {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = 0;
		for (let bit = 7; bit >= 0; bit--) {
			r = (r << 1) >>> 0;
			if (r & 0x80000000) r = (r ^ 0x80000000 ^ POLYNOMIAL) >>> 0;
			if ((i >> bit) & 1) r ^= POLYNOMIAL;
		}
		// The top bit cancels the bit (val << 8) leaves at position 31.
		table[i] = (((i & 1) << 31) | r) >>> 0;
	}
	return table;
}

function roll(val: number, byte: number): number {
	return (((val << 8) | byte) ^ T[val >>> RABIN_SHIFT]!) >>> 0;
}

function buildWindowTable(): Uint32Array {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let val = roll(0, i);
		for (let k = 1; k < RABIN_WINDOW; k++) val = roll(val, 0);
		table[i] = val;
	}
	return table;
}

type DeltaIndex = {
	mask: number;
	/** Bucket b's entries are bucketStart[b] .. bucketStart[b + 1] - 1. */
	bucketStart: Int32Array;
	/** Where in the source each entry's block ends (its last byte), and its fingerprint. */
	ptr: Int32Array;
	val: Uint32Array;
};

function createIndex(src: Uint8Array): DeltaIndex {
	const entries = Math.floor((src.length - 1) / RABIN_WINDOW);
	let bits = 4;
	while (2 ** bits < Math.floor(entries / 4) && bits < 31) bits++;
	const hsize = 2 ** bits;
	const mask = hsize - 1;
	const ptr = new Int32Array(entries);
	const val = new Uint32Array(entries);
	const next = new Int32Array(entries);
	const head = new Int32Array(hsize).fill(-1);
	const count = new Uint32Array(hsize);
	let used = 0;
	let prev = -1;
	for (let data = entries * RABIN_WINDOW - RABIN_WINDOW; data >= 0; data -= RABIN_WINDOW) {
		let v = 0;
		for (let i = 1; i <= RABIN_WINDOW; i++) v = roll(v, src[data + i]!);
		if (v === prev) {
			// Consecutive identical blocks: keep the lowest.
			ptr[used - 1] = data + RABIN_WINDOW;
		} else {
			prev = v;
			const bucket = v & mask;
			ptr[used] = data + RABIN_WINDOW;
			val[used] = v;
			next[used] = head[bucket]!;
			head[bucket] = used++;
			count[bucket]!++;
		}
	}
	// Thin overfull buckets to HASH_LIMIT entries, spread evenly along the list, as git does.
	for (let b = 0; b < hsize; b++) {
		const n = count[b]!;
		if (n <= HASH_LIMIT) continue;
		let entry = head[b]!;
		let acc = 0;
		do {
			acc += n - HASH_LIMIT;
			if (acc > 0) {
				const keep = entry;
				do {
					entry = next[entry]!;
					acc -= HASH_LIMIT;
				} while (acc > 0);
				next[keep] = next[entry]!;
			}
			entry = next[entry]!;
		} while (entry !== -1);
	}
	const bucketStart = new Int32Array(hsize + 1);
	const packedPtr = new Int32Array(used);
	const packedVal = new Uint32Array(used);
	let at = 0;
	for (let b = 0; b < hsize; b++) {
		bucketStart[b] = at;
		for (let entry = head[b]!; entry !== -1; entry = next[entry]!) {
			packedPtr[at] = ptr[entry]!;
			packedVal[at++] = val[entry]!;
		}
	}
	bucketStart[hsize] = at;
	return { mask, bucketStart, ptr: packedPtr, val: packedVal };
}

/** A growable byte buffer written by position, as create_delta writes its output. */
class Out {
	bytes = new Uint8Array(8192);
	set(at: number, byte: number): void {
		if (at >= this.bytes.length) {
			const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + 1));
			grown.set(this.bytes);
			this.bytes = grown;
		}
		this.bytes[at] = byte & 0xff;
	}
}

function writeSize(out: Out, at: number, size: number): number {
	while (size >= 0x80) {
		out.set(at++, (size & 0x7f) | 0x80);
		size = Math.floor(size / 128);
	}
	out.set(at++, size);
	return at;
}

/**
 * The delta that rebuilds `trg` from `src`, or null where git has none: an empty side, or a
 * delta longer than `maxSize` (git passes the deflated literal's size; 0 for no limit).
 */
export function createDelta(src: Uint8Array, trg: Uint8Array, maxSize = 0): Uint8Array | null {
	if (src.length === 0 || trg.length === 0) return null;
	const index = createIndex(src);
	const { bucketStart, ptr, val: entryVal, mask } = index;
	const out = new Out();
	let outpos = writeSize(out, 0, src.length);
	outpos = writeSize(out, outpos, trg.length);
	const top = trg.length;

	outpos++; // the first insert's count
	let val = 0;
	let data = 0;
	for (; data < RABIN_WINDOW && data < top; data++) {
		out.set(outpos++, trg[data]!);
		val = roll(val, trg[data]!);
	}
	let inscnt = data;
	let moff = 0;
	let msize = 0;
	while (data < top) {
		if (msize < GOOD_ENOUGH) {
			val = roll((val ^ U[trg[data - RABIN_WINDOW]!]!) >>> 0, trg[data]!);
			const bucket = val & mask;
			for (let e = bucketStart[bucket]!; e < bucketStart[bucket + 1]!; e++) {
				if (entryVal[e] !== val) continue;
				const ref = ptr[e]!;
				const room = Math.min(src.length - ref, top - data);
				if (room <= msize) break;
				let length = 0;
				while (length < room && trg[data + length] === src[ref + length]) length++;
				if (msize < length) {
					msize = length;
					moff = ref;
					if (msize >= GOOD_ENOUGH) break;
				}
			}
		}

		if (msize < 4) {
			if (!inscnt) outpos++;
			out.set(outpos++, trg[data++]!);
			inscnt++;
			if (inscnt === 0x7f) {
				out.set(outpos - inscnt - 1, inscnt);
				inscnt = 0;
			}
			msize = 0;
		} else {
			if (inscnt) {
				// Take back inserted bytes the copy can cover too.
				while (moff && src[moff - 1] === trg[data - 1]) {
					msize++;
					moff--;
					data--;
					outpos--;
					if (--inscnt) continue;
					outpos--; // every insert taken back: drop its count slot
					inscnt--;
					break;
				}
				out.set(outpos - inscnt - 1, inscnt);
				inscnt = 0;
			}
			const left = msize < MAX_COPY ? 0 : msize - MAX_COPY;
			msize -= left;
			const op = outpos++;
			let cmd = 0x80;
			for (let k = 0; k < 4; k++) {
				const byte = (moff >>> (8 * k)) & 0xff;
				if (byte) {
					out.set(outpos++, byte);
					cmd |= 1 << k;
				}
			}
			for (let k = 0; k < 2; k++) {
				const byte = (msize >>> (8 * k)) & 0xff;
				if (byte) {
					out.set(outpos++, byte);
					cmd |= 0x10 << k;
				}
			}
			out.set(op, cmd);
			data += msize;
			moff += msize;
			msize = left;
			if (msize < GOOD_ENOUGH) {
				val = 0;
				for (let j = -RABIN_WINDOW; j < 0; j++) val = roll(val, trg[data + j]!);
			}
		}
		// git gives up as soon as the delta outgrows the limit at the end of an op.
		if (maxSize && outpos > maxSize) return null;
	}
	if (inscnt) out.set(outpos - inscnt - 1, inscnt);
	if (maxSize && outpos > maxSize) return null;
	return out.bytes.slice(0, outpos);
}
