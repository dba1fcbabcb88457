// Links are untrusted input: every kind of bad link gets its own code and message.
import { deflateSync, Inflate } from 'fflate';
import { constants, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	decodeShare,
	encodeShare,
	MAX_INFLATED_BYTES,
	MAX_LINK_CHARS,
	SHARE_CAPS,
	type SharedTask
} from '../../../src/lib/core/share/index.ts';
import { base64Url, errorOf, linkOf, linkOfJson, sampleTask, shareError } from './helpers.ts';

const damaged = shareError('corrupt', 'The link data is damaged or cut short.');
const bombError = shareError('bomb', 'The link expands to more than 8 MB; stopped there.');

afterEach(() => {
	vi.restoreAllMocks();
});

/**
 * 1 GB of zeros in ~1 MB of deflate, built without deflating 1 GB: one megabyte of zeros as a
 * non-final block ended by a sync flush (byte-aligned, so copies can be concatenated), 1,024
 * times, then an empty final block.
 */
function gigabyteBomb(): Uint8Array {
	const flush = { finishFlush: constants.Z_SYNC_FLUSH };
	const block = deflateRawSync(new Uint8Array(1024 * 1024), flush);
	const last = deflateRawSync(new Uint8Array(0));
	const bomb = new Uint8Array(block.length * 1024 + last.length);
	for (let index = 0; index < 1024; index++) bomb.set(block, index * block.length);
	bomb.set(last, block.length * 1024);
	return bomb;
}

describe('decodeShare with deflate bombs', () => {
	it('stops a 1 GB bomb early instead of inflating it', () => {
		const bomb = gigabyteBomb();
		const push = vi.spyOn(Inflate.prototype, 'push');
		expect(errorOf(() => decodeShare(`pb1.${base64Url(bomb)}`))).toStrictEqual(bombError);
		// Inflation stopped after a few 4 KB steps: it read a sliver of the ~1 MB of input.
		const read = push.mock.calls.reduce((total, [chunk]) => total + chunk.length, 0);
		expect({ steps: push.mock.calls.length, read }).toStrictEqual({ steps: 3, read: 3 * 4096 });
		expect(bomb.length > 1024 * 1024).toBe(true);
	});

	it('rejects 20 MB of zeros deflated to a few KB', () => {
		const compressed = deflateSync(new Uint8Array(20 * 1024 * 1024));
		expect(compressed.length < 30_000).toBe(true);
		expect(errorOf(() => decodeShare(`pb1.${base64Url(compressed)}`))).toStrictEqual(bombError);
	});

	it('rejects a task just over the inflated cap and accepts one just under it', () => {
		// The patch at its own cap; the prompt fills the rest.
		const patch = 'x'.repeat(SHARE_CAPS.patch.chars);
		const fill = (size: number) => ({
			...sampleTask,
			prompt: 'x'.repeat(size),
			result: { summary: '', patch }
		});
		const overhead = JSON.stringify({ version: 1, ...fill(0) }).length;
		const atCap = fill(MAX_INFLATED_BYTES - overhead);
		expect(decodeShare(linkOfJson({ version: 1, ...atCap }))).toStrictEqual(atCap);
		const overCap = { version: 1, ...fill(MAX_INFLATED_BYTES - overhead + 1) };
		expect(errorOf(() => decodeShare(linkOfJson(overCap)))).toStrictEqual(bombError);
	});
});

describe('decodeShare with damaged or foreign text', () => {
	const link = encodeShare(sampleTask);

	it('rejects truncated data', () => {
		expect(errorOf(() => decodeShare(link.slice(0, -4)))).toStrictEqual(damaged);
		expect(errorOf(() => decodeShare(link.slice(0, 12)))).toStrictEqual(damaged);
	});

	it('rejects data that is not deflate, and an empty body', () => {
		const garbage = `pb1.${base64Url(new TextEncoder().encode('{"plain":"json"}'))}`;
		expect(errorOf(() => decodeShare(garbage))).toStrictEqual(damaged);
		expect(errorOf(() => decodeShare('pb1.'))).toStrictEqual(damaged);
	});

	it('rejects bad base64url', () => {
		const bad = shareError('corrupt', 'The link is not valid base64url text.');
		expect(errorOf(() => decodeShare(`${link.slice(0, 20)}$${link.slice(21)}`))).toStrictEqual(bad);
		expect(errorOf(() => decodeShare('pb1.abc+def/'))).toStrictEqual(bad);
		expect(errorOf(() => decodeShare('pb1.abcd=='))).toStrictEqual(bad);
		expect(errorOf(() => decodeShare('pb1.abcde'))).toStrictEqual(bad);
	});

	it('rejects text that is not a Patchbay link', () => {
		const foreign = shareError('corrupt', 'This is not a Patchbay share link.');
		expect(errorOf(() => decodeShare(''))).toStrictEqual(foreign);
		expect(errorOf(() => decodeShare('https://example.com/'))).toStrictEqual(foreign);
		expect(errorOf(() => decodeShare(link.slice(4)))).toStrictEqual(foreign);
	});

	it('rejects a link format it does not know', () => {
		expect(errorOf(() => decodeShare(`pb2.${link.slice(4)}`))).toStrictEqual(
			shareError(
				'unsupported-version',
				'This link uses link format 2; this Patchbay reads format 1.'
			)
		);
	});

	it('rejects a link over the size cap before decoding it', () => {
		const huge = `pb1.${'A'.repeat(MAX_LINK_CHARS)}`;
		expect(errorOf(() => decodeShare(huge))).toStrictEqual(
			shareError('too-large', 'The link is 2.0 MB; a link holds at most 2.0 MB of text.')
		);
	});

	it('rejects bytes that are not UTF-8', () => {
		expect(
			errorOf(() => decodeShare(linkOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))
		).toStrictEqual(shareError('corrupt', 'The link data is not valid UTF-8 text.'));
	});

	it('rejects text that is not JSON', () => {
		const notJson = shareError('not-json', 'The link data is not valid JSON.');
		expect(errorOf(() => decodeShare(linkOf('not json at all')))).toStrictEqual(notJson);
		expect(errorOf(() => decodeShare(linkOf('{"version":1,')))).toStrictEqual(notJson);
	});
});

describe('encodeShare size caps', () => {
	it('refuses a task that inflates past what decodeShare accepts', () => {
		// Each text within its own cap; together over the inflated cap.
		const heavy: SharedTask = {
			...sampleTask,
			prompt: 'x'.repeat(1_000_000),
			followUps: ['x'.repeat(1_000_000)],
			result: { summary: '', patch: 'x'.repeat(SHARE_CAPS.patch.chars) }
		};
		expect(errorOf(() => encodeShare(heavy))).toStrictEqual(
			shareError('too-large', 'The task is 9.4 MB; a link holds at most 8.0 MB of data.')
		);
	});

	it('refuses a task whose link would be longer than decodeShare accepts', () => {
		// 4 MB of random hex digits holds 2 MB of entropy: no deflate makes that a 2 MB link.
		let seed = 1;
		const log = Array.from({ length: 4 * 1024 * 1024 }, () => {
			seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
			return (seed >>> 28).toString(16);
		}).join('');
		const heavy: SharedTask = { ...sampleTask, result: { summary: 'ok', patch: log } };
		expect(errorOf(() => encodeShare(heavy))).toStrictEqual(
			shareError('too-large', 'The link is 3.1 MB; a link holds at most 2.0 MB of text.')
		);
	});
});
