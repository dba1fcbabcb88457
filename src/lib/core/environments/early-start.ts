// The parts of an early start (prepare.ts): whether the agent may start before every file is
// in, the paths still to come, the baseline reader that waits for them, and the checkout's
// progress as the log shows it.
import type { Baseline, CheckoutListed, CheckoutProgress, CheckoutStats } from '../git/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';
import { firstNodeCommand } from './node-commands.ts';
import { plural, type CheckedOut, type PrepareEvent } from './prepare.ts';

/**
 * Whether the agent may start before every file is in: no setup script, or one whose first
 * command needs Node (Lite skips it; the runtime is known once the sandbox is made). A
 * WebContainer asked for by name runs any setup, which needs the whole tree.
 */
export function startsEarly(environment: EnvironmentRecord): boolean {
	const script = environment.setupScript;
	if (!script.trim()) return true;
	return environment.runtime !== 'webcontainer' && firstNodeCommand(script) !== null;
}

export const noListing = () => null;

export const emptyStats: CheckoutStats = {
	requests: 0,
	filesFetched: 0,
	bytesFetched: 0,
	fromCache: false
};

/** Checkout progress for the log; the step's own line says how far it is, every tenth. */
export function checkoutProgress(emit: (event: PrepareEvent) => void) {
	let shown = -1;
	return (progress: CheckoutProgress) => {
		const { listed: _files, ...rest } = progress; // bytes stay out of the log
		emit({ type: 'checkout-progress', progress: rest });
		if (rest.phase !== 'fetching' || rest.total === 0) return;
		const tenth = Math.floor((rest.loaded / rest.total) * 10);
		if (tenth === shown) return;
		shown = tenth;
		const detail = `${count(rest.loaded)} of ${plural(rest.total, 'file')} fetched`;
		emit({ type: 'step', step: 'checkout', status: 'running', detail });
	};
}

export function pendingPaths(baseline: Baseline, first: CheckoutListed['files']): Set<string> {
	const written = new Set(first.map((f) => f.path));
	return new Set(baseline.entries.map((e) => e.path).filter((path) => !written.has(path)));
}

/** Baseline blob contents by oid, once the tree is in (the attempt's diff is taken against them). */
export function baselineReader(checkedOut: CheckedOut, treeReady: Promise<void>) {
	let blobs: Map<string, Uint8Array | undefined> | undefined;
	return async (oid: string): Promise<Uint8Array> => {
		await treeReady;
		if (!blobs) {
			const byPath = new Map(checkedOut.files.map((file) => [file.path, file.data]));
			blobs = new Map(checkedOut.baseline.entries.map((e) => [e.oid, byPath.get(e.path)]));
		}
		return blobs.get(oid) ?? new Uint8Array();
	};
}

const count = (n: number) => n.toLocaleString('en-US');
