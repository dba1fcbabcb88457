// The diff review on a 10,000-line diff over 200 files: DiffReview mounted as the task page does.
import { flushSync, mount, unmount } from 'svelte';
import { diffStats, formatPatch, type FileChange } from '../../src/lib/core/diff/index.ts';
import DiffReview from '../../src/lib/ui/review/DiffReview.svelte';
import '../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);

/** 200 files of 50 lines, every other line rewritten: 25 − and 25 + lines a file, plus context. */
function bigChanges(): FileChange[] {
	return Array.from({ length: 200 }, (_, f) => {
		const old = Array.from({ length: 50 }, (_, i) => `const v${i} = ${i}; // file ${f}\n`);
		const next = old.map((line, i) => (i % 2 ? line.replace('= ', '= 1 + ') : line));
		return {
			path: `src/module-${String(f).padStart(3, '0')}.ts`,
			before: encode(old.join('')),
			after: encode(next.join(''))
		};
	});
}

const changes = bigChanges();
const patch = formatPatch(changes);
const stats = diffStats(changes);

async function until(check: () => boolean, timeoutMs = 30_000) {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) throw new Error('timed out waiting for the review');
		await new Promise((resolve) => requestAnimationFrame(resolve));
	}
}

const segments = () => [...document.querySelectorAll<HTMLElement>('[data-testid="diff-segment"]')];

/**
 * Mount → first file rendered → every file listed, and the longest task meanwhile; with `scroll`,
 * also the time to scroll through until every segment has rendered, and the longest task then.
 */
export async function timeReview(scroll: boolean) {
	localStorage.removeItem('patchbay.review.layout');
	const target = document.createElement('div');
	document.body.append(target);
	const durations: number[] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) durations.push(entry.duration);
	});
	observer.observe({ type: 'longtask' });
	const start = performance.now();
	const app = mount(DiffReview, {
		target,
		props: { patch, stats, attemptId: `bench-${start}`, onSendComments: () => {} }
	});
	flushSync();
	await until(() => segments()[0]?.dataset.rendered === 'true');
	const firstVisibleMs = performance.now() - start;
	await until(() => segments().length >= 200);
	const allFilesMs = performance.now() - start;
	// What rendering does on its own after mount (no scrolling) is the part a person waits for.
	await new Promise((resolve) => setTimeout(resolve, 300));
	for (const entry of observer.takeRecords()) durations.push(entry.duration);
	const longestTaskMs = Math.max(0, ...durations);
	durations.length = 0;
	if (!scroll) {
		observer.disconnect();
		unmount(app);
		target.remove();
		return { firstVisibleMs, allFilesMs, longestTaskMs, allRenderedMs: 0, scrollLongestTaskMs: 0 };
	}
	// Lazy rendering renders what scrolls into view: scroll through to render every segment.
	while (segments().some((s) => s.dataset.rendered !== 'true')) {
		const next = segments().find((s) => s.dataset.rendered !== 'true');
		next?.scrollIntoView();
		await new Promise((resolve) => requestAnimationFrame(resolve));
		if (performance.now() - start > 60_000) throw new Error('review never finished rendering');
	}
	const allRenderedMs = performance.now() - start;
	await new Promise((resolve) => setTimeout(resolve, 300));
	for (const entry of observer.takeRecords()) durations.push(entry.duration);
	observer.disconnect();
	unmount(app);
	target.remove();
	window.scrollTo(0, 0);
	return {
		firstVisibleMs,
		allFilesMs,
		longestTaskMs,
		allRenderedMs,
		scrollLongestTaskMs: Math.max(0, ...durations)
	};
}
