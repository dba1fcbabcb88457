// The network guard of the WebContainer runtime. Processes there send their traffic through
// StackBlitz's frame, out of the page's reach, so every Node process an exec starts preloads the
// guard (NODE_OPTIONS=--require), which decides each request with the rules decide() uses and
// appends each decision to the attempt's log file; after every exec the page reads the new
// lines and reports them for the audit. Best-effort: a process that strips its environment, or
// a runtime that is not Node (WebContainer's own package manager may be one), goes unguarded.
import {
	nodeGuardEnv,
	nodeGuardSource,
	parseNetworkLog,
	type NetworkAuditEvent
} from '../network/index.ts';
import type { NetworkState } from './lite-network.ts';
import type { WebContainerLike } from './webcontainer.ts';

export type ContainerNetwork = {
	/** Read at every exec: the policy switches from setup to agent during an attempt. */
	state: () => NetworkState;
	onAudit: (event: NetworkAuditEvent) => void;
};

export type ContainerGuard = {
	/** The environment an exec adds, for the phase current now; keeps the user's NODE_OPTIONS. */
	env(nodeOptions?: string): Record<string, string>;
	/** Reports the decisions logged since the last call. */
	drain(): Promise<void>;
};

/** Shared by every attempt, outside every attempt's directory (so never a change). */
export const TOOLS_DIR = '.patchbay';
export const GUARD_FILE = `${TOOLS_DIR}/guard.cjs`;
const LINE_FEED = 10;

/** Writes the guard once per container; `stateDir` is the attempt's own folder. */
export async function installGuard(container: WebContainerLike): Promise<void> {
	await container.fs.mkdir(TOOLS_DIR, { recursive: true });
	await container.fs.writeFile(GUARD_FILE, nodeGuardSource());
}

export function containerGuard(
	container: WebContainerLike,
	stateDir: string,
	network: ContainerNetwork
): ContainerGuard {
	const logFile = `${stateDir}/network.jsonl`;
	let consumed = 0;
	let draining: Promise<void> = Promise.resolve();

	async function readNew(): Promise<void> {
		let bytes: Uint8Array;
		try {
			bytes = await container.fs.readFile(logFile);
		} catch {
			return; // nothing logged yet
		}
		// A line still being written waits for the next drain.
		const end = bytes.lastIndexOf(LINE_FEED) + 1;
		if (end <= consumed) return;
		const text = new TextDecoder().decode(bytes.subarray(consumed, end));
		consumed = end;
		for (const event of parseNetworkLog(text)) network.onAudit(event);
	}

	return {
		env(nodeOptions) {
			const { policy, phase } = network.state();
			return nodeGuardEnv({
				guardPath: `${container.workdir}/${GUARD_FILE}`,
				logPath: `${container.workdir}/${logFile}`,
				policy,
				phase,
				nodeOptions
			});
		},
		drain() {
			// Concurrent execs share the log: one reader at a time, each line reported once.
			draining = draining.then(readNew);
			return draining;
		}
	};
}
