// `git`: the sandbox's git against the real git on real history (../shared/corpus). Every
// first-parent commit pair of slugify and chalk and every 4th of commander: the parent checked
// out with the child's changes, each command's output (bytes) and exit code compared, the patch
// compared with `git diff --binary --full-index -M` and applied. Runs in Node (no browser): the
// figure is how often the output is git's, not a time.
import type { Benchmark } from '../context.ts';
import type { Figure } from '../stats.ts';
import {
	allPairs,
	compareCorpus,
	everyNth,
	formatReport,
	share,
	type CorpusReport,
	type PairSelection,
	type Tally
} from '../../tests/unit/corpus/corpus-run.ts';
import { corpusAvailable } from '../../tests/unit/corpus/corpus-repo.ts';

const RUNS: Array<{ repo: string; select: PairSelection; label: string }> = [
	{ repo: 'slugify', select: allPairs, label: 'all pairs' },
	{ repo: 'chalk', select: allPairs, label: 'all pairs' },
	{ repo: 'commander', select: everyNth(4), label: 'every 4th pair' }
];

const TARGET = 'target ≥ 99 %';

function shareFigure(name: string, tally: Tally, note: string): Figure {
	return {
		benchmark: 'git',
		name,
		unit: '%',
		value: Math.round(share(tally) * 10) / 10,
		note: `${tally.same}/${tally.total}; ${note}`
	};
}

/** Per command over all repositories, then the patch figures. */
function figuresOf(reports: CorpusReport[]): Figure[] {
	const byCommand = new Map<string, Tally>();
	const sections: Tally = { same: 0, total: 0 };
	const applies: Tally = { same: 0, total: 0 };
	for (const report of reports) {
		for (const [command, tally] of report.commands) {
			const sum = byCommand.get(command) ?? { same: 0, total: 0 };
			byCommand.set(command, { same: sum.same + tally.same, total: sum.total + tally.total });
		}
		sections.same += report.sections.same;
		sections.total += report.sections.total;
		applies.same += report.applies.same;
		applies.total += report.applies.total;
	}
	return [
		...[...byCommand].map(([command, tally]) =>
			shareFigure(`\`${command}\` identical`, tally, TARGET)
		),
		shareFigure('patch sections = `git diff --binary --full-index -M`', sections, TARGET),
		shareFigure(
			'`git apply` of the patch rebuilds the child tree (as `git add -A` stores it)',
			applies,
			'target 100 %'
		)
	];
}

export const gitBenchmark: Benchmark = {
	name: 'git',
	title: "The sandbox's git vs real git on the corpus history",
	async run(ctx) {
		const reports: CorpusReport[] = [];
		for (const { repo, select, label } of RUNS) {
			if (!corpusAvailable(repo)) {
				ctx.log(`git: ${repo}.bundle not found, skipped`);
				continue;
			}
			ctx.log(`git: ${repo}, ${label}`);
			const report = await compareCorpus(repo, select, {
				onPair: (done, all) => {
					if (done % 50 === 0 || done === all) ctx.log(`git: ${repo} ${done}/${all}`);
				}
			});
			ctx.log(formatReport(report));
			for (const m of report.mismatches.slice(0, 5)) ctx.log(`git: differs ${m.pair} ${m.command}`);
			reports.push(report);
		}
		return figuresOf(reports);
	}
};
