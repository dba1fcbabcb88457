// A long log is cut at a line's start, so no part of a secret is left at the excerpt's start
// for the masker (which sees whole values only) to miss.
import { describe, expect, it } from 'vitest';
import { logExcerpt } from '../../../src/lib/core/tasks/share-source.ts';

const text = (line: string) => ({ kind: 'text' as const, turn: 0, text: line });

describe('logExcerpt cut', () => {
	it('starts at the first whole line within the limit', () => {
		const items = [text('first line with sk-secret-0123456789'), text('second'), text('third')];
		// Joined: 'first line with sk-secret-0123456789\n\nsecond\n\nthird' (51 characters).
		// Items are joined with a blank line, which is where the excerpt starts.
		expect(logExcerpt(items, 20)).toBe('[… 37 earlier characters left out …]\n\nsecond\n\nthird');
		expect(logExcerpt(items, 10)).toBe('[… 45 earlier characters left out …]\n\nthird');
	});

	it('leaves out a last line longer than the limit rather than a piece of it', () => {
		expect(logExcerpt([text('x'.repeat(30))], 10)).toBe('[… 30 earlier characters left out …]\n');
	});
});
