import { describe, expect, it } from 'vitest';
import { reviewStateFor } from '../../../src/lib/ui/review/review-state.svelte.ts';

describe('ReviewState', () => {
	it('collapses a viewed file, keeps one draft, and remembers per attempt', () => {
		const review = reviewStateFor('attempt-a');
		review.setViewed('a.ts', true);
		expect([...review.viewed, ...review.collapsed]).toEqual(['a.ts', 'a.ts']);
		review.setViewed('a.ts', false);
		expect([...review.viewed, ...review.collapsed]).toEqual([]);

		review.openDraft({ path: 'a.ts', side: 'new', line: 3, lineText: 'x' });
		review.draft!.body = 'first';
		review.openDraft({ path: 'a.ts', side: 'old', line: 2, lineText: 'y' });
		expect(review.draft).toEqual({
			path: 'a.ts',
			side: 'old',
			line: 2,
			lineText: 'y',
			body: 'first'
		});
		review.saveDraft();
		review.openDraft({ path: 'b.ts', side: 'new', line: 1, lineText: '' });
		review.saveDraft(); // empty: dropped
		expect(review.comments).toEqual([
			{ id: 1, path: 'a.ts', side: 'old', line: 2, lineText: 'y', body: 'first' }
		]);
		expect(review.draft).toBeNull();

		expect(reviewStateFor('attempt-a')).toBe(review);
		expect(reviewStateFor('attempt-b').comments).toEqual([]);
	});
});
