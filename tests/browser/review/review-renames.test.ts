// The review in real Chromium shows a rename found by similarity as git scores it (R and the
// similarity index, and a note), an exact rename as R alone, and a submodule replaced by a file
// as its "Subproject commit" line going.
import { flushSync, mount, unmount } from 'svelte';
import { page } from 'vitest/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffStats, formatPatch, type FileChange } from '../../../src/lib/core/diff/index.ts';
import DiffReview from '../../../src/lib/ui/review/DiffReview.svelte';
import '../../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);
const body = Array.from({ length: 20 }, (_, i) => `export const value${i} = ${i};\n`).join('');
const SUBMODULE = '1234567890abcdef1234567890abcdef12345678';

const until = async (check: () => boolean, timeoutMs = 5000) => {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

const changes: FileChange[] = [
	{
		path: 'LICENSE.md',
		oldPath: 'license.md',
		before: encode(`MIT\n${body}`),
		after: encode(`MIT License\n${body}`),
		similarity: 87
	},
	{ path: 'src/moved.ts', oldPath: 'lib/moved.ts', before: encode(body), after: encode(body) },
	{
		path: 'vendor/lib',
		before: encode(`Subproject commit ${SUBMODULE}\n`),
		beforeMode: '160000',
		beforeOid: SUBMODULE,
		after: encode('now a file\n'),
		afterMode: '100644'
	}
];

describe('the review of renames and a submodule', () => {
	let app: ReturnType<typeof mount>;
	const files = () => [...document.querySelectorAll<HTMLElement>('[data-testid="review-file"]')];

	beforeAll(async () => {
		app = mount(DiffReview, {
			target: document.body,
			props: {
				patch: formatPatch(changes),
				stats: diffStats(changes),
				attemptId: 'renames',
				onSendComments: () => undefined
			}
		});
		flushSync();
		await until(() => files().length === 3);
		await until(() => document.querySelectorAll('[data-rendered="true"]').length >= 2);
	});
	afterAll(() => unmount(app));

	it('tags a partial rename with its similarity and an exact one with R alone', async () => {
		const tags = files().map((file) => {
			const tag = file.querySelector<HTMLElement>('[data-status]')!;
			return [file.dataset.path, tag.textContent, tag.title];
		});
		expect(tags).toEqual([
			['LICENSE.md', 'R87%', 'renamed, 87% similar'],
			['src/moved.ts', 'R', 'renamed, 100% similar'],
			['vendor/lib', 'M', 'modified']
		]);
		expect(files()[0]!.textContent).toContain('Renamed from license.md (87% similar).');
		expect(files()[2]!.textContent).toContain(`Subproject commit ${SUBMODULE}`);
		// For a person to look at (test-results/ is not committed).
		await page.screenshot({ path: '../../../test-results/review-renames.png' });
	});
});
