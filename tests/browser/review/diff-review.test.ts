// DiffReview in real Chromium: a 10,000-line diff over 200 files renders lazily, without long
// main-thread tasks, and repo text (names and lines with markup) stays text.
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffStats, formatPatch, type FileChange } from '../../../src/lib/core/diff/index.ts';
import DiffReview from '../../../src/lib/ui/review/DiffReview.svelte';
import '../../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);
const XSS_NAME = 'src/<script>alert(1)</script>.ts';
const XSS_LINE = '<script>alert(1)</script><img src=x onerror="window.__xss=1">';

/** 200 files; every other line of 50 rewritten: 25 − and 25 + lines each, plus context. */
function bigChanges(): FileChange[] {
	return Array.from({ length: 200 }, (_, f) => {
		const old = Array.from({ length: 50 }, (_, i) => `const v${i} = ${i}; // file ${f}\n`);
		const next = old.map((line, i) => (i % 2 ? line.replace('= ', '= 1 + ') : line));
		if (f === 0) next[1] = `${XSS_LINE}\n`;
		return {
			path: f === 3 ? XSS_NAME : `src/module-${String(f).padStart(3, '0')}.ts`,
			before: encode(old.join('')),
			after: encode(next.join(''))
		};
	});
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return performance.now() - start;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('DiffReview with a 10,000-line diff', () => {
	const changes = bigChanges();
	const patch = formatPatch(changes);
	const stats = diffStats(changes);
	const sent: string[] = [];
	const longTasks: number[] = [];
	let app: ReturnType<typeof mount>;
	let syncMountMs = 0;
	let firstVisibleMs = 0;
	let allFilesMs = 0;

	const segments = () => [
		...document.querySelectorAll<HTMLElement>('[data-testid="diff-segment"]')
	];
	const rendered = () => segments().filter((s) => s.dataset.rendered === 'true');

	beforeAll(async () => {
		localStorage.removeItem('patchbay.review.layout');
		const observer = new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) longTasks.push(entry.duration);
		});
		observer.observe({ type: 'longtask' });
		const start = performance.now();
		app = mount(DiffReview, {
			target: document.body,
			props: {
				patch,
				stats,
				attemptId: 'big',
				onSendComments: (text: string) => void sent.push(text)
			}
		});
		flushSync();
		syncMountMs = performance.now() - start;
		await until(() => segments()[0]?.dataset.rendered === 'true');
		firstVisibleMs = performance.now() - start;
		await until(() => segments().length === 200);
		allFilesMs = performance.now() - start;
		await settle();
		for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
		observer.disconnect();
	});

	afterAll(() => unmount(app));

	it('is the size the budget talks about', () => {
		expect(patch.split('\n').length).toBeGreaterThan(10_000);
		expect(segments()).toHaveLength(200);
	});

	it('shows the first file quickly, without long tasks', () => {
		console.log(
			`mount: synchronous part ${syncMountMs.toFixed(0)} ms, first file visible after ` +
				`${firstVisibleMs.toFixed(0)} ms, all 200 files mounted after ${allFilesMs.toFixed(0)} ms; ` +
				'long tasks: ' +
				`${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'} ms`
		);
		expect(segments()[0]!.querySelector('.d2h-code-line-ctn')).not.toBeNull();
		expect(firstVisibleMs).toBeLessThan(2000);
		expect(Math.max(0, ...longTasks)).toBeLessThan(200);
	});

	it('renders only what is near the viewport, with placeholders of about the right height', () => {
		const count = rendered().length;
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(40);
		const placeholder = segments().at(-1)!;
		expect(placeholder.dataset.rendered).toBe('false');
		const real = rendered()[0]!.getBoundingClientRect().height;
		const estimated = placeholder.getBoundingClientRect().height;
		console.log(
			`segment height: rendered ${real.toFixed(0)} px, placeholder ${estimated.toFixed(0)} px`
		);
		expect(Math.abs(real - estimated) / real).toBeLessThan(0.25);
	});

	it('renders more as the page scrolls', async () => {
		const before = rendered().length;
		const target = segments()[120]!;
		target.scrollIntoView();
		await until(() => target.dataset.rendered === 'true');
		expect(rendered().length).toBeGreaterThan(before);
		expect(segments()[199]!.dataset.rendered).toBe('false');
		window.scrollTo(0, 0);
		await settle();
	});

	it('switches between side by side and unified, and remembers the choice', async () => {
		const first = segments()[0]!;
		expect(first.querySelector('.d2h-files-diff')).not.toBeNull();
		const unified = [...document.querySelectorAll('button')].find(
			(b) => b.textContent?.trim() === 'Unified'
		)!;
		unified.click();
		await until(() => first.querySelector('.d2h-file-diff') !== null);
		expect(first.querySelector('.d2h-files-diff')).toBeNull();
		const real = first.getBoundingClientRect().height;
		const estimated = segments().at(-1)!.getBoundingClientRect().height;
		console.log(
			`unified segment: rendered ${real.toFixed(0)} px, placeholder ${estimated.toFixed(0)} px`
		);
		expect(Math.abs(real - estimated) / real).toBeLessThan(0.25);
		expect(unified.getAttribute('aria-pressed')).toBe('true');
		expect(localStorage.getItem('patchbay.review.layout')).toBe('line-by-line');
		const split = [...document.querySelectorAll('button')].find(
			(b) => b.textContent?.trim() === 'Split'
		)!;
		split.click();
		await until(() => first.querySelector('.d2h-files-diff') !== null);
		expect(localStorage.getItem('patchbay.review.layout')).toBe('side-by-side');
	});

	it('keeps file names and lines with markup as text', () => {
		const review = document.querySelector('[data-testid="diff-review"]')!;
		expect(review.querySelectorAll('script, img')).toHaveLength(0);
		const file = [...document.querySelectorAll<HTMLElement>('[data-testid="review-file"]')][3]!;
		expect(file.dataset.path).toBe(XSS_NAME);
		expect(file.querySelector('.name')!.textContent!.trim()).toBe(XSS_NAME);
		expect(review.querySelector('[data-testid="review-file-list"]')!.textContent).toContain(
			XSS_NAME
		);
		const lines = [...segments()[0]!.querySelectorAll('.d2h-code-line-ctn')].map(
			(l) => l.textContent
		);
		expect(lines).toContain(XSS_LINE);
		expect((window as { __xss?: number }).__xss).toBeUndefined();
	});

	it('opens a comment box under a clicked line and sends the comments', async () => {
		const first = segments()[0]!;
		const right = first.querySelectorAll('tbody.d2h-diff-tbody')[1]!;
		const row = [...right.querySelectorAll('tr')].find(
			(tr) => tr.querySelector('.d2h-code-side-linenumber')?.textContent?.trim() === '4'
		)!;
		row.querySelector<HTMLElement>('.d2h-code-line-ctn')!.click();
		flushSync();
		const box = await untilElement(() => first.querySelector('[data-testid="comment-box"]'));
		expect(row.nextElementSibling!.contains(box)).toBe(true);
		// The other side gets a spacer row at the same place, so the two sides stay aligned.
		const left = first.querySelectorAll<HTMLTableSectionElement>('tbody.d2h-diff-tbody')[0]!;
		expect(left.rows[row.sectionRowIndex + 1]!.classList.contains('pb-comment-spacer')).toBe(true);

		const textarea = box.querySelector('textarea')!;
		textarea.value = 'Why add 1 here?';
		textarea.dispatchEvent(new Event('input', { bubbles: true }));
		flushSync();
		box.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
		flushSync();
		const listed = document.querySelector('[data-testid="review-comment"]')!;
		expect(listed.textContent).toContain('src/module-000.ts');
		expect(listed.textContent).toContain('line 4');
		expect(first.querySelector('[data-testid="inline-comment"]')!.textContent).toContain(
			'Why add 1 here?'
		);

		const send = [...document.querySelectorAll('button')].find(
			(b) => b.textContent?.trim() === 'Send comments'
		)!;
		send.click();
		await until(() => document.querySelector('[data-testid="review-comment"]') === null);
		expect(sent).toEqual([
			'Please address these review comments:\n\n' +
				'- src/module-000.ts line 4 (`const v3 = 1 + 3; // file 0`): Why add 1 here?'
		]);
	});

	it('collapses a file marked viewed', () => {
		const file = document.querySelector<HTMLElement>('[data-testid="review-file"]')!;
		const viewed = file.querySelector<HTMLInputElement>('.viewed input')!;
		viewed.click();
		flushSync();
		expect(file.querySelector('[data-testid="diff-segment"]')).toBeNull();
		viewed.click();
		flushSync();
		expect(file.querySelector('[data-testid="diff-segment"]')).not.toBeNull();
	});
});

async function untilElement<T extends Element>(find: () => T | null): Promise<T> {
	let found: T | null = null;
	await until(() => (found = find()) !== null);
	return found!;
}
