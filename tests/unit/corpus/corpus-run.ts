// Runs the comparison over a list of commit pairs of one corpus repository and tallies it: the
// identical share per command, patch sections equal to git's, patches that rebuild the child.
import { openCorpus, type CorpusRepo } from './corpus-repo.ts';
import { patchChecker, runProbes, PROBES, type Probe, type ProbeResult } from './compare.ts';
import { pairBuilder } from './pair-state.ts';

export type Tally = { same: number; total: number };

export type Mismatch = { pair: string; command: string; real: string; lite: string };

export type CorpusReport = {
	repo: string;
	pairs: number;
	commands: Map<string, Tally>;
	sections: Tally;
	applies: Tally;
	/** The first few differences of each command, for a reader to look at. */
	mismatches: Mismatch[];
	applyFailures: string[];
	differingSections: string[];
};

export type PairSelection = (pairs: Array<[string, string]>) => Array<[string, string]>;

/** Every pair, or every n-th, or the first n: how much history a run covers. */
export const allPairs: PairSelection = (pairs) => pairs;
export const everyNth =
	(n: number): PairSelection =>
	(pairs) =>
		pairs.filter((_, i) => i % n === 0);
export const firstN =
	(n: number): PairSelection =>
	(pairs) =>
		pairs.slice(0, n);

export async function compareCorpus(
	name: string,
	select: PairSelection,
	options: {
		probes?: Probe[];
		keepMismatches?: number;
		onPair?(done: number, all: number): void;
	} = {}
): Promise<CorpusReport> {
	const corpus: CorpusRepo = openCorpus(name);
	const build = pairBuilder(corpus);
	const checkPatch = patchChecker(corpus);
	try {
		const pairs = select(corpus.pairs);
		const report: CorpusReport = {
			repo: name,
			pairs: pairs.length,
			commands: new Map(),
			sections: { same: 0, total: 0 },
			applies: { same: 0, total: 0 },
			mismatches: [],
			applyFailures: [],
			differingSections: []
		};
		const keep = options.keepMismatches ?? 3;
		for (const [i, [parent, child]] of pairs.entries()) {
			const state = await build(parent, child);
			const results = await runProbes(state, options.probes ?? PROBES);
			tallyProbes(report, results, `${parent.slice(0, 7)}..${child.slice(0, 7)}`, keep);
			const patch = await checkPatch(state);
			report.sections.same += patch.sameSections;
			report.sections.total += patch.sections;
			report.differingSections.push(...patch.differing.map((h) => `${child.slice(0, 7)} ${h}`));
			report.applies.total++;
			if (patch.applies) report.applies.same++;
			else report.applyFailures.push(`${child.slice(0, 7)}: ${patch.applyError ?? ''}`);
			await state.sandbox.dispose();
			options.onPair?.(i + 1, pairs.length);
		}
		return report;
	} finally {
		build.dispose();
		checkPatch.dispose();
		corpus.dispose();
	}
}

function tallyProbes(report: CorpusReport, results: ProbeResult[], pair: string, keep: number) {
	for (const result of results) {
		const tally = report.commands.get(result.command) ?? { same: 0, total: 0 };
		tally.total++;
		if (result.same) tally.same++;
		else if (report.mismatches.filter((m) => m.command === result.command).length < keep) {
			report.mismatches.push({
				pair,
				command: result.command,
				real: `${result.real.exitCode}: ${result.real.stdout}`,
				lite: `${result.lite.exitCode}: ${result.lite.stdout}`
			});
		}
		report.commands.set(result.command, tally);
	}
}

export function share(tally: Tally): number {
	return tally.total ? (100 * tally.same) / tally.total : 100;
}

/** A plain-text table of a report, one line per command. */
export function formatReport(report: CorpusReport): string {
	const pct = (t: Tally) => `${share(t).toFixed(1).padStart(5)} % (${t.same}/${t.total})`;
	const lines = [`${report.repo}: ${report.pairs} pairs`];
	for (const [command, tally] of report.commands)
		lines.push(`  ${command.padEnd(34)} ${pct(tally)}`);
	lines.push(`  ${'patch sections = git'.padEnd(34)} ${pct(report.sections)}`);
	lines.push(`  ${'git apply rebuilds the child'.padEnd(34)} ${pct(report.applies)}`);
	return lines.join('\n');
}
