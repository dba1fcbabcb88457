// The bench page: the app's core modules and review component, exposed on `window.bench` for
// Playwright to call. Shims first, as the app's layout and git worker import them.
import '../../src/lib/shims/global.ts';
import '../../src/lib/shims/buffer.ts';
import { dropCheckout, releaseStore, timeCheckout, timeSandboxReady } from './checkout.ts';
import { dropTree, prepareTree, timeChanges } from './changes.ts';
import { timeAgentLoop, timeAttempts } from './agent.ts';
import { measureMemory } from './long-tasks.ts';
import { timeReview } from './review.ts';
import { timeSnapshotMount, timeSnapshotSave } from './snapshot.ts';

const bench = {
	timeCheckout,
	timeSandboxReady,
	timeSnapshotSave,
	timeSnapshotMount,
	dropCheckout,
	releaseStore,
	prepareTree,
	timeChanges,
	dropTree,
	timeReview,
	timeAgentLoop,
	timeAttempts,
	measureMemory
};

export type BenchApi = typeof bench;

(window as unknown as { bench: BenchApi }).bench = bench;
document.title = 'bench ready';
