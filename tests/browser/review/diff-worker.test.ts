// formatPatchInWorker in real Chromium: a 100,000-line file diffs off the main thread, and the
// review of its patch renders in segments as it scrolls.
import { flushSync, mount, unmount } from 'svelte';
import { describe, expect, it } from 'vitest';
import { diffStats, formatPatch, type FileChange } from '../../../src/lib/core/diff/index.ts';
import DiffReview from '../../../src/lib/ui/review/DiffReview.svelte';
import { formatPatchInWorker } from '../../../src/lib/ui/workers/diff-client.ts';
import '../../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);

function bigFile(): FileChange[] {
	const old = Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`);
	const next = old.map((line, i) => (i % 10 === 0 ? `changed ${i}\n` : line));
	return [
		{ path: 'big.txt', before: encode(old.join('')), after: encode(next.join('')) },
		{ path: 'small.txt', before: encode('a\n'), after: encode('b\n') },
		{ path: 'image.bin', before: null, after: new Uint8Array([0, 1, 2, 3]) }
	];
}

function watchLongTasks() {
	const durations: number[] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) durations.push(entry.duration);
	});
	observer.observe({ type: 'longtask' });
	return () => {
		for (const entry of observer.takeRecords()) durations.push(entry.duration);
		observer.disconnect();
		return durations;
	};
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

describe('formatPatchInWorker', () => {
	it('formats a 100,000-line file off the main thread, the same as formatPatch', async () => {
		const changes = bigFile();
		const copies = changes.map((c) => ({
			...c,
			before: c.before?.slice() ?? null,
			after: c.after?.slice() ?? null
		}));
		const stop = watchLongTasks();
		const start = performance.now();
		const result = await formatPatchInWorker(changes);
		const elapsed = performance.now() - start;
		const longTasks = stop();
		console.log(
			`worker: ${elapsed.toFixed(0)} ms for ${result.patch.length} chars; main-thread long tasks meanwhile: ` +
				`${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`
		);
		expect(Math.max(0, ...longTasks)).toBeLessThan(200);
		// The buffers moved to the worker: the caller's arrays are empty now.
		expect(changes[0]!.before!.byteLength).toBe(0);
		expect(result).toEqual({ patch: formatPatch(copies), stats: diffStats(copies) });
	});

	it('answers concurrent requests each with its own result', async () => {
		const one = [{ path: 'a', before: encode('1\n'), after: encode('2\n') }];
		const two = [{ path: 'b', before: null, after: encode('x\n') }];
		const expected = [
			formatPatch(one.map((c) => ({ ...c, before: c.before.slice() }))),
			formatPatch(two)
		];
		const results = await Promise.all([formatPatchInWorker(one), formatPatchInWorker(two)]);
		expect(results.map((r) => r.patch)).toEqual(expected);
	});

	it('rejects at once when aborted', async () => {
		const controller = new AbortController();
		const pending = formatPatchInWorker(bigFile(), controller.signal);
		controller.abort(new Error('stop'));
		await expect(pending).rejects.toThrow('stop');
	});
});

describe('DiffReview of a 100,000-line file', () => {
	it('renders the file in segments, a few at a time', async () => {
		const { patch, stats } = await formatPatchInWorker(bigFile());
		const stop = watchLongTasks();
		const start = performance.now();
		const app = mount(DiffReview, {
			target: document.body,
			props: { patch, stats, attemptId: 'huge' }
		});
		flushSync();
		const segments = () => [
			...document.querySelectorAll<HTMLElement>(
				'[data-path="big.txt"] [data-testid="diff-segment"]'
			)
		];
		const rendered = () => segments().filter((s) => s.dataset.rendered === 'true');
		await until(() => segments()[0]?.dataset.rendered === 'true');
		const firstMs = performance.now() - start;
		await new Promise((resolve) => setTimeout(resolve, 300));
		const longTasks = stop();
		console.log(
			`100k-line file: ${segments().length} segments, first visible after ${firstMs.toFixed(0)} ms, ` +
				`${rendered().length} rendered; long tasks: ${longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`
		);
		expect(segments()).toHaveLength(20); // the rest waits behind one tall placeholder
		expect(rendered().length).toBeLessThan(10);
		// Parsing 1.3 MB of patch on mount takes 60–200 ms on a busy two-core machine (dev build);
		// rendering all of it at once would take many seconds. The bound tells the two apart.
		expect(Math.max(0, ...longTasks)).toBeLessThan(500);

		// A jump far into the file mounts segments down to there and renders those in view.
		const rest = document.querySelector<HTMLElement>('.rest')!;
		window.scrollTo(0, rest.getBoundingClientRect().top + window.scrollY + 200_000);
		const inView = () =>
			rendered().filter((s) => {
				const box = s.getBoundingClientRect();
				return box.bottom > 0 && box.top < window.innerHeight;
			});
		await until(() => inView().length > 0);
		console.log(`after the jump: ${segments().length} mounted, ${rendered().length} rendered`);
		expect(segments().length).toBeGreaterThan(40);
		expect(rendered().length).toBeLessThan(10);
		window.scrollTo(0, 0);
		const binary = [...document.querySelectorAll('[data-testid="review-file"]')].find(
			(f) => f.getAttribute('data-path') === 'image.bin'
		)!;
		expect(binary.textContent).toContain('Binary file not shown.');
		unmount(app);
	});
});
