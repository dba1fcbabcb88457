import { describe, expect, it } from 'vitest';
import { hex, writeHex } from '../../../src/lib/core/git/hex.ts';

describe('object ids as hex', () => {
	it('turn into bytes and back, at an offset, either case', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		const text = Buffer.from(all).toString('hex');
		const out = new Uint8Array(260).fill(0xee);
		writeHex(text.toUpperCase(), out, 3);
		expect(out.subarray(3, 259)).toEqual(all);
		expect([...out.subarray(0, 3), out[259]]).toEqual([0xee, 0xee, 0xee, 0xee]);
		expect(hex(out.subarray(3, 259))).toBe(text);
	});

	it('refuse a character that is not a hex digit', () => {
		for (const bad of ['g0', '0g', '/0', ':0', '@0', '`0', 'G0'])
			expect(() => writeHex(bad, new Uint8Array(1), 0)).toThrow(/not a hex object id/);
	});
});
