// What every benchmark is given: the browser, the bench page, the peers and the fixture repos.
import type { Browser } from '@playwright/test';
import type { ModelServer } from '../tests/servers/model.ts';
import type { FixtureRepo } from './fixture-repos.ts';
import type { TreeSize } from './fixture-tree.ts';
import type { BenchCertificate } from './tls.ts';
import type { Figure, RunCounts } from './stats.ts';

/** A token the GitHub peer knows (the app's runs sign in with it, as a user would). */
export const BENCH_TOKEN = 'ghp_benchToken000000000000000000000000';

export type BenchContext = {
	seed: number;
	counts: RunCounts;
	/** For the runs that take many seconds each (3,000-file checkouts, the 20,000-file tree). */
	heavy: RunCounts;
	browser: Browser;
	/** The certificate the browser trusts, for a suite's own HTTPS stand-ins (bench/tls.ts). */
	certificate: BenchCertificate;
	/** The bench page's URL (see page/main.ts). */
	pageUrl: string;
	gitUrl: string;
	githubUrl: string;
	model: ModelServer;
	/** The fixture repo of a size, built (or taken from the cache) on first use. */
	repo(size: TreeSize): Promise<FixtureRepo>;
	/** A scratch folder, removed at the end. */
	tmp: string;
	log(message: string): void;
};

export type Benchmark = {
	name: string;
	title: string;
	run(ctx: BenchContext): Promise<Figure[]>;
};
