// 4 Diff review: a 10,000-line diff over 200 files in DiffReview — first file visible, every file
// listed, the longest main-thread task meanwhile; once, the time to scroll through until every
// file has rendered (lazy rendering renders only what comes near the viewport).
import { openBenchPage } from '../browser.ts';
import type { Benchmark } from '../context.ts';
import { figure, repeat } from '../stats.ts';

export const reviewBenchmark: Benchmark = {
	name: 'review',
	title: 'Diff review, 10,000 lines over 200 files',
	async run(ctx) {
		const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
		await bench.page.setViewportSize({ width: 1280, height: 900 });
		try {
			ctx.log('review: mounting DiffReview');
			const runs = await repeat(ctx.counts, () => bench.call('timeReview', false));
			ctx.log('review: scrolling through once');
			const scrolled = await bench.call('timeReview', true);
			const samples = (key: 'firstVisibleMs' | 'allFilesMs' | 'longestTaskMs') =>
				runs.map((r) => r[key]);
			return [
				figure({
					benchmark: 'review',
					name: 'first file visible',
					unit: 'ms',
					samples: samples('firstVisibleMs'),
					budget: { text: '< 500 ms', limit: 500, unit: 'ms' }
				}),
				figure({
					benchmark: 'review',
					name: 'all 200 files listed',
					unit: 'ms',
					samples: samples('allFilesMs')
				}),
				figure({
					benchmark: 'review',
					name: 'longest main-thread task, mount to all listed',
					unit: 'ms',
					samples: samples('longestTaskMs'),
					budget: { text: '≤ 100 ms', limit: 100, unit: 'ms' }
				}),
				figure({
					benchmark: 'review',
					name: 'all files rendered, scrolled through (1 run)',
					unit: 'ms',
					samples: [scrolled.allRenderedMs]
				}),
				figure({
					benchmark: 'review',
					name: 'longest main-thread task while scrolling (1 run)',
					unit: 'ms',
					samples: [scrolled.scrollLongestTaskMs],
					budget: { text: '≤ 100 ms', limit: 100, unit: 'ms' }
				})
			];
		} finally {
			await bench.close();
		}
	}
};
