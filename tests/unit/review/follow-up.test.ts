import { describe, expect, it } from 'vitest';
import {
	followUpText,
	inlineCode,
	type ReviewComment
} from '../../../src/lib/ui/review/follow-up.ts';

const comment = (fields: Partial<ReviewComment> & Pick<ReviewComment, 'id' | 'path' | 'line'>) =>
	({ side: 'new', lineText: '', body: 'fix', ...fields }) satisfies ReviewComment;

describe('followUpText', () => {
	it('quotes file, line and text, in file order then line order', () => {
		const comments = [
			comment({ id: 1, path: 'src/b.ts', line: 3, lineText: '  return x;', body: 'Why?' }),
			comment({ id: 2, path: 'src/a.ts', line: 40, lineText: 'const a = 1;', body: 'Rename it.' }),
			comment({
				id: 3,
				path: 'src/a.ts',
				line: 12,
				side: 'old',
				lineText: 'old()',
				body: 'Keep this.'
			}),
			comment({ id: 4, path: 'README.md', line: 1, body: 'Typo\nand a second line' })
		];
		expect(followUpText(comments, ['src/a.ts', 'src/b.ts', 'README.md'])).toBe(
			'Please address these review comments:\n\n' +
				'- src/a.ts removed line 12 (`old()`): Keep this.\n' +
				'- src/a.ts line 40 (`const a = 1;`): Rename it.\n' +
				'- src/b.ts line 3 (`return x;`): Why?\n' +
				'- README.md line 1: Typo\n  and a second line'
		);
	});

	it('orders files not in the list by name, after the listed ones', () => {
		const comments = [
			comment({ id: 1, path: 'z.ts', line: 1 }),
			comment({ id: 2, path: 'b.ts', line: 1 }),
			comment({ id: 3, path: 'listed.ts', line: 9 })
		];
		expect(followUpText(comments, ['listed.ts'])).toBe(
			'Please address these review comments:\n\n- listed.ts line 9: fix\n- b.ts line 1: fix\n- z.ts line 1: fix'
		);
	});

	it('shortens a long line', () => {
		const text = followUpText([comment({ id: 1, path: 'a', line: 1, lineText: 'x'.repeat(300) })]);
		expect(text).toBe(
			`Please address these review comments:\n\n- a line 1 (\`${'x'.repeat(119)}…\`): fix`
		);
	});
});

describe('inlineCode', () => {
	it('fences text with backticks in it', () => {
		expect(inlineCode('plain')).toBe('`plain`');
		expect(inlineCode('a `b` c')).toBe('`` a `b` c ``');
		expect(inlineCode('```js')).toBe('```` ```js ````');
	});
});
