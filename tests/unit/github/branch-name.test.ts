import { describe, expect, it } from 'vitest';
import { branchNameFor, isValidBranchName, slugify } from '../../../src/lib/core/github/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';

describe('branch names', () => {
	it('slugs task titles', () => {
		expect(
			[
				'Fix the Ünïcode bug!',
				'  --Add   `retry` to fetch()--  ',
				'日本語だけ',
				'Make the very long title of this task fit into a branch name without cutting words'
			].map(slugify)
		).toEqual([
			'fix-the-unicode-bug',
			'add-retry-to-fetch',
			'task',
			'make-the-very-long-title-of-this-task-fit-into'
		]);
	});

	it('builds the name from a prefix and the title, or takes an exact one', () => {
		expect([
			branchNameFor({ title: 'Fix it' }),
			branchNameFor({ prefix: 'bots/agent-', title: 'Fix it' }),
			branchNameFor({ name: ' feature/x ' })
		]).toEqual(['patchbay/fix-it', 'bots/agent-fix-it', 'feature/x']);
	});

	it('follows git check-ref-format', () => {
		const names = [
			'a/b',
			'a..b',
			'a b',
			'.hidden',
			'x.lock',
			'a/',
			'a//b',
			'-x',
			'@',
			'a@{1}',
			'a~1',
			'v1.2',
			'ends.'
		];
		expect(names.filter(isValidBranchName)).toEqual(['a/b', 'v1.2']);
	});

	it('refuses an invalid exact name with a hint', () => {
		let error: unknown;
		try {
			branchNameFor({ name: 'my branch' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(AppError);
		expect({ code: (error as AppError).code, message: (error as AppError).message }).toEqual({
			code: 'bad-branch-name',
			message: '"my branch" is not a valid branch name.'
		});
	});
});
