import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeShare,
	encodeShare,
	PRACTICAL_URL_LIMIT,
	SHARE_CAPS,
	shareSize,
	shrinkShare,
	type SharedResult,
	type SharedTask
} from '../../../src/lib/core/share/index.ts';
import { sampleTask } from './helpers.ts';

const LINK_ALPHABET = /^pb1\.[A-Za-z0-9_-]+$/;

// 'binary' covers every code point, lone surrogate halves included (up to two UTF-16 units
// each, which is what the caps count).
const text = fc.string({ unit: 'binary', maxLength: 200 });
const short = fc.string({ unit: 'binary', maxLength: 16 });
// Big text without generating every character: a random piece repeated up to 5,000 times.
const bigText = fc
	.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.nat({ max: 5_000 }))
	.map(([piece, times]) => piece.repeat(times));
const anyText = fc.oneof({ arbitrary: text, weight: 4 }, { arbitrary: bigText, weight: 1 });
const count = fc.nat({ max: Number.MAX_SAFE_INTEGER });
// Math.abs turns -0 into 0: JSON has no negative zero, and a duration of -0 means 0.
const duration = fc.double({ min: 0, max: 1e9, noNaN: true }).map(Math.abs);

// Decoded objects are plain; fast-check would otherwise also make null-prototype ones.
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
	return fc.record(model, { noNullPrototype: true });
}

const result: fc.Arbitrary<SharedResult> = fc.record(
	{
		summary: fc.oneof(
			text,
			bigText.map((summary) => summary.slice(0, SHARE_CAPS.summary.chars))
		),
		patch: anyText,
		logExcerpt: fc.oneof(
			text,
			bigText.map((log) => log.slice(0, SHARE_CAPS.logExcerpt.chars))
		),
		model: fc.string({ unit: 'binary', maxLength: 100 }),
		usage: record({ promptTokens: count, completionTokens: count, totalTokens: count }),
		timings: fc.record(
			{ totalMs: duration, cloneMs: duration, setupMs: duration, agentMs: duration },
			{ requiredKeys: ['totalMs'], noNullPrototype: true }
		),
		networkAudit: fc.array(
			record({ method: short, url: text, allowed: fc.boolean(), reason: text }),
			{ maxLength: 20 }
		)
	},
	{ requiredKeys: ['summary'], noNullPrototype: true }
);

const task: fc.Arbitrary<SharedTask> = fc.record(
	{
		title: text,
		repoUrl: text,
		branch: text,
		mode: fc.constantFrom('code', 'ask'),
		prompt: anyText,
		followUps: fc.array(anyText, { maxLength: 5 }),
		environment: record({
			setupScript: anyText,
			envVarNames: fc.array(short, { maxLength: 10 }),
			setupSecretNames: fc.array(short, { maxLength: 10 }),
			network: record({
				access: fc.constantFrom('off', 'on'),
				preset: fc.constantFrom('none', 'common', 'all'),
				domains: fc.array(short, { maxLength: 10 }),
				methods: fc.constantFrom('read', 'all')
			}),
			runtime: fc.constantFrom('auto', 'webcontainer', 'lite')
		}),
		result
	},
	{
		requiredKeys: ['title', 'repoUrl', 'branch', 'mode', 'prompt', 'followUps', 'environment'],
		noNullPrototype: true
	}
);

describe('encodeShare / decodeShare round trip', () => {
	it('gives back every generated task, as a URL-fragment-safe string', () => {
		fc.assert(
			fc.property(task, (generated) => {
				const link = encodeShare(generated);
				expect(link).toMatch(LINK_ALPHABET);
				expect(decodeShare(link)).toStrictEqual(generated);
			}),
			{ numRuns: 300 }
		);
	});

	it('gives back the sample task, and also when the link is pasted with # and whitespace', () => {
		const link = encodeShare(sampleTask);
		expect(decodeShare(link)).toStrictEqual(sampleTask);
		expect(decodeShare(`  #${link}\n`)).toStrictEqual(sampleTask);
	});

	it('carries a 20,000-line patch and compresses it', () => {
		const lines = Array.from({ length: 20_000 }, (_, index) => `+const value${index} = ${index};`);
		const patch = `diff --git a/big.ts b/big.ts\n--- /dev/null\n+++ b/big.ts\n${lines.join('\n')}\n`;
		const big: SharedTask = { ...sampleTask, result: { summary: 'Added big.ts', patch } };
		const link = encodeShare(big);
		expect(decodeShare(link)).toStrictEqual(big);
		expect(link.length < patch.length / 4).toBe(true);
	});

	it('drops optional fields that are undefined instead of writing them', () => {
		const withUndefined: SharedTask = {
			...sampleTask,
			result: { summary: 'done', patch: undefined, usage: undefined }
		};
		expect(decodeShare(encodeShare(withUndefined))).toStrictEqual({
			...sampleTask,
			result: { summary: 'done' }
		});
	});
});

describe('shareSize', () => {
	it('measures the whole URL against the practical limit', () => {
		expect(shareSize('pb1.abc', 'https://patchbay.test/#/share/')).toStrictEqual({
			chars: 37,
			limit: PRACTICAL_URL_LIMIT,
			fits: true
		});
		expect(shareSize('x'.repeat(PRACTICAL_URL_LIMIT), '#')).toStrictEqual({
			chars: PRACTICAL_URL_LIMIT + 1,
			limit: 1_500_000,
			fits: false
		});
	});
});

describe('shrinkShare', () => {
	it('drops the chosen parts of the result and leaves the input as it was', () => {
		const before = structuredClone(sampleTask);
		const { logExcerpt: _log, patch: _patch, ...keptResult } = sampleTask.result!;
		expect(shrinkShare(sampleTask, { dropLog: true, dropPatch: true })).toStrictEqual({
			...sampleTask,
			result: keptResult
		});
		expect(sampleTask).toStrictEqual(before);
	});

	it('drops the network audit, and changes nothing when nothing is chosen', () => {
		const { networkAudit: _audit, ...keptResult } = sampleTask.result!;
		expect(shrinkShare(sampleTask, { dropAudit: true })).toStrictEqual({
			...sampleTask,
			result: keptResult
		});
		expect(shrinkShare(sampleTask, {})).toStrictEqual(sampleTask);
	});

	it('leaves a task without a result as it is', () => {
		const { result: _result, ...bare } = sampleTask;
		expect(shrinkShare(bare, { dropLog: true })).toStrictEqual(bare);
	});

	it('makes a link that was too long for browsers fit', () => {
		// Random hex deflates to about half: 2.5 MB of it makes a link of ~1.75 MB of text,
		// over the practical limit and under the decoder's cap.
		let seed = 12345;
		const bytes = new Uint8Array(1.25 * 1024 * 1024).map(() => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return seed >>> 24;
		});
		const patch = Buffer.from(bytes).toString('hex');
		const heavy: SharedTask = { ...sampleTask, result: { summary: 'ok', patch } };
		expect(shareSize(encodeShare(heavy)).fits).toBe(false);
		expect(shareSize(encodeShare(shrinkShare(heavy, { dropPatch: true }))).fits).toBe(true);
	});
});
