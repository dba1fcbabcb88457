// The environment test's checkout line: each figure once, whichever message the checkout sent.
import { describe, expect, it } from 'vitest';
import type { CheckoutProgress } from '../../../src/lib/core/git/index.ts';
import {
	requestCountMessage,
	slowDownMessage
} from '../../../src/lib/core/forge/github/snapshot.ts';
import { progressLine } from '../../../src/lib/ui/environments/progress-line.ts';

const at = (progress: Partial<CheckoutProgress>): CheckoutProgress => ({
	phase: 'fetching',
	loaded: 0,
	total: 0,
	bytes: 0,
	...progress
});

describe('progressLine', () => {
	it('says the count once when the message already says it (GitHub asking to slow down)', () => {
		const fetching = at({ loaded: 1204, total: 3000 });
		const line = progressLine({ ...fetching, message: slowDownMessage(3000, fetching) });
		expect(line).toBe('GitHub asked to slow down; retrying in 3 s — 1,204 of 3,000 files');
	});

	it('adds the count where the message has none, and none where it counts nothing', () => {
		const lines = [
			at({ phase: 'resolving', loaded: 0, total: 1, message: 'Resolving main' }),
			at({ phase: 'listing', message: 'Listing files' }),
			at({ loaded: 2, total: 3000, bytes: 300, message: 'src/index.ts' }),
			at({
				phase: 'receiving',
				loaded: 40,
				total: 120,
				bytes: 20480,
				message: 'Receiving objects'
			}),
			at({ phase: 'verifying', loaded: 0, total: 1, message: 'Checking the tree against GitHub' }),
			at({ phase: 'done', loaded: 4, total: 4 })
		].map(progressLine);
		expect(lines).toEqual([
			'Resolving main',
			'Listing files',
			'src/index.ts (2 of 3,000)',
			'Receiving objects (40 of 120) · 20 KB',
			'Checking the tree against GitHub',
			'done'
		]);
	});

	it('states the total once where the message names it (the request count of a big checkout)', () => {
		const message = requestCountMessage(3000, 3000, 2);
		expect(progressLine(at({ loaded: 0, total: 3000, message }))).toBe(
			'Fetching 3,000 files: 3,002 requests to GitHub in all (0 fetched)'
		);
	});
});
