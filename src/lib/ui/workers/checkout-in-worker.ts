// The git worker's checkouts: one run per repository, branch and size limit at a time (a
// request for one under way joins it), the listing and the files the agent needs first sent
// ahead on the progress stream, and the fetched files kept rather than read back from the store.
import { checkout, type CheckoutOptions } from '$lib/core/forge';
import {
	baselineFiles,
	createCheckoutRuns,
	DEFAULT_MAX_FILE_BYTES,
	gitdirFor,
	type Baseline,
	type CheckoutListed,
	type CheckoutProgress
} from '$lib/core/git';
import { proposerReads } from '$lib/core/start';
import type { GitResults } from './git-protocol';

type Checked = GitResults['checkout'];

const runs = createCheckoutRuns<Checked>();

/** The checkout run for these options: the one under way, or a new one. */
export function startCheckout(options: Omit<CheckoutOptions, 'onProgress'>) {
	const key = [
		gitdirFor(options.ref),
		options.branch,
		options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
	].join('\n');
	return runs.run(key, (report) => runCheckout(options, report));
}

async function runCheckout(
	options: Omit<CheckoutOptions, 'onProgress'>,
	report: (progress: CheckoutProgress) => void
): Promise<Checked> {
	// Blob id → bytes as each file is verified: no second read of every blob from the store.
	const fetched = new Map<string, Uint8Array>();
	let listed: { baseline: Baseline; first: Set<string>; files: CheckoutListed['files'] } | null =
		null;
	const sendListed = () => {
		if (!listed || listed.files.length < listed.first.size) return;
		const total = listed.baseline.entries.length;
		const { baseline, files } = listed;
		report({ phase: 'listing', loaded: 0, total, bytes: 0, listed: { baseline, files } });
	};
	const result = await checkout({
		...options,
		onProgress: report,
		// The root AGENTS.md files (what the agent's first request reads) and package.json come
		// first: the proposer's own list, so the two never drift apart.
		onListed: (baseline) => {
			const first = new Set(proposerReads(baseline.entries.map((e) => e.path)));
			listed = { baseline, first, files: [] };
			sendListed();
		},
		first: () => [...(listed?.first ?? [])],
		onFile: (entry, data) => {
			fetched.set(entry.oid, data);
			if (!listed?.first.has(entry.path)) return;
			listed.files.push({ path: entry.path, mode: entry.mode, oid: entry.oid, data });
			sendListed();
		}
	});
	const files = await baselineFiles(result.store, result.baseline, fetched);
	return { baseline: result.baseline, stats: result.stats, files };
}
