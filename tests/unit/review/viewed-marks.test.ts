// Viewed marks are stored with the attempt, each with its diff's digest: a reload applies them
// to the same diffs, and a file a follow-up changed since is no longer Viewed.
import { describe, expect, it } from 'vitest';
import type { ViewedMark } from '../../../src/lib/core/store/index.ts';
import { diffDigest, ReviewState } from '../../../src/lib/ui/review/review-state.svelte.ts';

describe('Viewed marks', () => {
	it('are saved on every change with the digest of the diff they were made on', () => {
		const saved: ViewedMark[][] = [];
		const review = new ReviewState({ marks: [], save: (marks) => saved.push(marks) });
		review.sync([
			{ path: 'a.ts', digest: 'aaaa' },
			{ path: 'b.ts', digest: 'bbbb' }
		]);
		review.setViewed('a.ts', true);
		review.setViewed('b.ts', true);
		review.setViewed('a.ts', false);
		expect(saved).toStrictEqual([
			[{ path: 'a.ts', digest: 'aaaa' }],
			[
				{ path: 'a.ts', digest: 'aaaa' },
				{ path: 'b.ts', digest: 'bbbb' }
			],
			[{ path: 'b.ts', digest: 'bbbb' }]
		]);
	});

	it('apply to an unchanged diff after a reload (folded), and drop for a changed one', () => {
		const saved: ViewedMark[][] = [];
		const review = new ReviewState({
			marks: [
				{ path: 'a.ts', digest: 'aaaa' },
				{ path: 'b.ts', digest: 'bbbb' }
			],
			save: (marks) => saved.push(marks)
		});
		review.sync([
			{ path: 'a.ts', digest: 'aaaa' },
			{ path: 'b.ts', digest: 'b222' }
		]);
		expect({ viewed: [...review.viewed], collapsed: [...review.collapsed], saved }).toStrictEqual({
			viewed: ['a.ts'],
			collapsed: ['a.ts'],
			saved: [[{ path: 'a.ts', digest: 'aaaa' }]]
		});
	});

	it('digests differ when a line changes, and not otherwise', () => {
		expect(diffDigest(['+a', ' b'])).toBe(diffDigest(['+a', ' b']));
		expect(diffDigest(['+a', ' b'])).not.toBe(diffDigest(['+a', ' c']));
		expect(diffDigest(['+ab'])).not.toBe(diffDigest(['+a', 'b']));
	});
});
