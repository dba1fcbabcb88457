// The sandbox's git against the real git on a sample of real history (../shared/corpus): for
// each commit pair, the parent checked out as a depth-1 clone with the child's changes, every
// command's output and exit code, the exported patch's sections against `git diff --binary
// --full-index -M`, and `git apply` of the exported patch giving the child's tree. The whole
// history runs in `npm run bench -- git`.
import { describe, expect, it } from 'vitest';
import { corpusAvailable } from './corpus-repo.ts';
import { compareCorpus, everyNth, type PairSelection } from './corpus-run.ts';

const SAMPLES: Array<[string, PairSelection]> = [
	['slugify', everyNth(8)],
	['chalk', everyNth(40)],
	['commander', everyNth(120)]
];

describe.each(SAMPLES)('%s: a sample of its first-parent history', (repo, select) => {
	it.skipIf(!corpusAvailable(repo))(
		'gives git output, git patches and patches that rebuild the child',
		async () => {
			const report = await compareCorpus(repo, select, { keepMismatches: 1 });
			expect(report.pairs).toBeGreaterThan(0);
			expect(report.mismatches).toEqual([]);
			expect(report.differingSections).toEqual([]);
			expect(report.applyFailures).toEqual([]);
		},
		180_000
	);
});
