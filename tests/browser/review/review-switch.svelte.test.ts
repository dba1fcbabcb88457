// The review shown for one attempt, then another (the comparison's Choose, an attempt's tab):
// every file's body renders for the attempt now shown, whichever attempt came first.
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, describe, expect, it } from 'vitest';
import { diffStats, formatPatch, type FileChange } from '../../../src/lib/core/diff/index.ts';
import DiffReview from '../../../src/lib/ui/review/DiffReview.svelte';
import '../../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);
const until = async (check: () => boolean, timeoutMs = 5000) => {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};
const lines = (tag: string) => Array.from({ length: 5 }, (_, i) => `${tag} line ${i}\n`).join('');

const attempt = (tag: string): FileChange[] => [
	{ path: 'shared.txt', before: encode(lines('base')), after: encode(lines(tag)) },
	{ path: `${tag}.txt`, before: null, after: encode(lines(tag)) }
];

describe('a review switched between attempts', () => {
	const apps: ReturnType<typeof mount>[] = [];
	afterAll(() => apps.forEach((app) => unmount(app)));

	it('renders every body of the attempt shown, after another was shown', async () => {
		const props = $state({
			patch: formatPatch(attempt('first')),
			stats: diffStats(attempt('first')),
			attemptId: 'switch-1'
		});
		apps.push(mount(DiffReview, { target: document.body, props }));
		flushSync();
		const bodies = () =>
			[...document.querySelectorAll<HTMLElement>('[data-testid="review-file"]')].map((file) => ({
				path: file.dataset.path,
				text: [...file.querySelectorAll('.d2h-code-line-ctn')].map((l) => l.textContent).join('|')
			}));
		await until(() => bodies().every((b) => b.text !== '') && bodies().length === 2);
		props.patch = formatPatch(attempt('second'));
		props.stats = diffStats(attempt('second'));
		props.attemptId = 'switch-2';
		flushSync();
		await until(() => bodies().some((b) => b.path === 'second.txt'));
		await until(() => bodies().every((b) => b.text.includes('second line 4')));
		expect(
			bodies().map((b) => ({ path: b.path, second: b.text.includes('second line 4') }))
		).toStrictEqual([
			{ path: 'shared.txt', second: true },
			{ path: 'second.txt', second: true }
		]);
	});
});
