// 2b Snapshot mount: an environment snapshot of the 3,000-file tree → a fresh Lite sandbox (the
// app's find: IndexedDB read + unpack; then writeTree), against baseline → Lite measured in the
// same page; and the save side: capture the sandbox + pack (then the IndexedDB write, in the note).
import { openBenchPage } from '../browser.ts';
import type { Benchmark } from '../context.ts';
import { figure, median, repeat, round } from '../stats.ts';

export const snapshotBenchmark: Benchmark = {
	name: 'snapshot',
	title: 'Environment snapshot: pack, and mount into Lite',
	async run(ctx) {
		const repo = await ctx.repo('medium');
		const label = `${repo.files.toLocaleString('en-US')} files`;
		const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
		try {
			ctx.log(`snapshot: checkout of ${repo.name} and baseline → Lite (the reference)`);
			const spec = { repo: repo.name, gitUrl: ctx.gitUrl, apiBase: ctx.githubUrl };
			await bench.call('timeCheckout', { ...spec, path: 'smart', cold: true });
			const baseline = await repeat(ctx.heavy, () => bench.call('timeSandboxReady'));
			const reference = {
				label: 'baseline → Lite',
				value: median(baseline.map((r) => r.ms))
			};
			ctx.log('snapshot: capture + pack + save');
			const saves = await repeat(ctx.counts, () => bench.call('timeSnapshotSave'));
			ctx.log('snapshot: mount into a fresh Lite sandbox');
			const mounts = await repeat(ctx.counts, () => bench.call('timeSnapshotMount'));
			const mb = round(saves[0]!.bytes / 1024 / 1024);
			const med = (values: number[]) => median(values).toFixed(0);
			return [
				figure({
					benchmark: 'snapshot',
					name: `snapshot → Lite sandbox (${label}, ${mb} MB)`,
					unit: 'ms',
					samples: mounts.map((m) => m.ms),
					reference,
					note: `find (IndexedDB read + unpack) ${med(mounts.map((m) => m.findMs))} ms, writeTree ${med(mounts.map((m) => m.writeMs))} ms`
				}),
				figure({
					benchmark: 'snapshot',
					name: `capture + pack (${label})`,
					unit: 'ms',
					samples: saves.map((s) => s.ms),
					reference,
					note: `capture ${med(saves.map((s) => s.captureMs))} ms, pack ${med(saves.map((s) => s.packMs))} ms; the app’s save after it (pack again + IndexedDB write) ${med(saves.map((s) => s.saveMs))} ms`
				})
			];
		} finally {
			await bench.close();
		}
	}
};
