import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	escapedBytes,
	escapedText,
	hasEscapedBytes,
	shownText
} from '../../../src/lib/core/diff/escaped-bytes.ts';

const bytesOf = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('escaped bytes', () => {
	it('gives any bytes back exactly', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				expect(escapedBytes(escapedText(bytes))).toEqual(bytes);
			}),
			{ numRuns: 2000 }
		);
	});

	it('biases toward bytes near UTF-8 sequences, and still gives them back', () => {
		const near = fc.constantFrom(
			0x00,
			0x2f,
			0x7f,
			0x80,
			0x8f,
			0x9f,
			0xa0,
			0xbf,
			0xc0,
			0xc2,
			0xdf,
			0xe0,
			0xed,
			0xef,
			0xf0,
			0xf4,
			0xf5,
			0xff
		);
		fc.assert(
			fc.property(fc.array(near, { maxLength: 24 }), (list) => {
				const bytes = Uint8Array.from(list);
				expect(escapedBytes(escapedText(bytes))).toEqual(bytes);
			}),
			{ numRuns: 2000 }
		);
	});

	it('reads valid UTF-8 as TextDecoder does, with nothing escaped', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (text) => {
				const bytes = new TextEncoder().encode(text);
				expect(escapedText(bytes)).toBe(text);
				expect(hasEscapedBytes(text)).toBe(false);
			})
		);
	});

	it('escapes each byte of an invalid sequence and decodes the valid ones around it', () => {
		// é in Latin-1, a cut €, an encoded surrogate, an overlong '/', then a valid 𝄞 (U+1D11E).
		const text = escapedText(bytesOf('e9' + 'e282' + 'eda080' + 'c0af' + 'f09d849e' + '41'));
		expect(text).toBe('\udce9\udce2\udc82\udced\udca0\udc80\udcc0\udcaf\ud834\udd1eA');
		expect(hasEscapedBytes(text)).toBe(true);
	});

	it('keeps a surrogate pair whose low half is in the escape range a pair', () => {
		// U+10080 is the pair D800 DC80: a real character, not the escaped byte 0x80.
		const bytes = bytesOf('f0908280');
		expect(escapedText(bytes)).toBe('\ud800\udc80');
		expect(hasEscapedBytes('\ud800\udc80')).toBe(false);
		expect(escapedBytes('\ud800\udc80')).toEqual(bytes);
	});

	it('keeps a BOM', () => {
		expect(escapedText(bytesOf('efbbbf41ff'))).toBe('\ufeffA\udcff');
		expect(escapedBytes('\ufeffA\udcff')).toEqual(bytesOf('efbbbf41ff'));
	});

	it('shows each escaped byte as U+FFFD and leaves pairs alone', () => {
		expect(shownText('caf\udce9 \udcc3\udca9 \ud800\udc80 é')).toBe(
			'caf\ufffd \ufffd\ufffd \ud800\udc80 é'
		);
	});
});
