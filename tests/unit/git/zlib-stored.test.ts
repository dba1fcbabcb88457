import { inflateSync } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { adler32, storedZlib } from '../../../src/lib/core/git/zlib-stored.ts';

/** Bytes that do not repeat (a compressor would shrink repeats; stored blocks must not care). */
function noise(size: number, seed: number): Uint8Array {
	const out = new Uint8Array(size);
	let x = seed;
	for (let i = 0; i < size; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
	return out;
}

describe('stored zlib streams', () => {
	// Around each block boundary (65,535) and the Adler-32 reduction step (5,552), and empty.
	const sizes = [0, 1, 5551, 5552, 5553, 65_534, 65_535, 65_536, 131_070, 131_071, 200_000];

	it.each(sizes)('%i bytes inflate back, by zlib and by fflate', (size) => {
		const bytes = noise(size, size + 1);
		const stream = storedZlib(bytes);
		expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(bytes))).toBe(true);
		expect(unzlibSync(stream)).toEqual(bytes);
		expect(stream.length).toBe(2 + Math.max(1, Math.ceil(size / 65_535)) * 5 + size + 4);
	});

	it('checksums as RFC 1950 defines it, where the sums wrap', () => {
		const byTheBook = (bytes: Uint8Array) => {
			let a = 1;
			let b = 0;
			for (const byte of bytes) {
				a = (a + byte) % 65521;
				b = (b + a) % 65521;
			}
			return (b * 65536 + a) >>> 0;
		};
		const full = new Uint8Array(300_000).fill(255);
		for (const bytes of [new Uint8Array(0), full, noise(100_003, 7)])
			expect(adler32(bytes)).toBe(byTheBook(bytes));
	});
});
