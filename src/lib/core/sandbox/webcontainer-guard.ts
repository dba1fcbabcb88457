// The network guard of the WebContainer runtime. Processes there send their traffic through
// StackBlitz's frame, out of the page's reach, so every Node process an exec starts preloads the
// guard (NODE_OPTIONS=--require), which decides each request with the rules decide() uses and
// appends each decision to the attempt's log file; after every exec the page reads the new
// lines and reports them for the audit. The guard file sits where the container's processes can
// write, so it is checked (and put back) before every exec. Best-effort: a command that starts
// Node with its environment stripped, or a runtime that is not Node (WebContainer's own package
// manager may be one), goes unguarded.
import { AppError } from '../http/index.ts';
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
	/** Puts the guard file back if a process changed it; fails when it cannot. */
	verify(): Promise<void>;
	/** The environment an exec adds, for the phase current now; keeps the user's NODE_OPTIONS. */
	env(nodeOptions?: string): Record<string, string>;
	/** Reports the decisions logged since the last call. */
	drain(): Promise<void>;
};

/** Shared by every attempt, outside every attempt's directory (so never a change). */
export const TOOLS_DIR = '.patchbay';
export const GUARD_FILE = `${TOOLS_DIR}/guard.cjs`;
const LINE_FEED = 10;

let guardText: string | undefined;
const expectedGuard = () => (guardText ??= nodeGuardSource());

/** Writes the guard once per container (and again whenever `ensureGuard` finds it changed). */
export async function installGuard(container: WebContainerLike): Promise<void> {
	await container.fs.mkdir(TOOLS_DIR, { recursive: true });
	await container.fs.writeFile(GUARD_FILE, expectedGuard());
}

const guardIntact = (container: WebContainerLike) =>
	container.fs.readFile(GUARD_FILE, 'utf-8').then(
		(text) => text === expectedGuard(),
		() => false
	);

/**
 * Before every exec: the guard file must be the one the page wrote. Any process in the container
 * can overwrite it (an agent's `echo > .patchbay/guard.cjs`), and the next Node process would
 * preload whatever it holds; so it is compared with the expected text and, if it differs, written
 * again — beside it, then renamed over it, so an exec of another attempt starting meanwhile never
 * reads half a guard — and compared again. Returns whether it had to be put back.
 */
export async function ensureGuard(container: WebContainerLike): Promise<boolean> {
	if (await guardIntact(container)) return false;
	const fresh = `${GUARD_FILE}.${Math.random().toString(36).slice(2)}.tmp`;
	await container.fs.mkdir(TOOLS_DIR, { recursive: true });
	await container.fs.writeFile(fresh, expectedGuard());
	try {
		await container.fs.rename(fresh, GUARD_FILE);
	} catch {
		// Something rename cannot replace (a directory put in its place): remove it first.
		await container.fs.rm(GUARD_FILE, { recursive: true, force: true });
		await container.fs.rename(fresh, GUARD_FILE);
	}
	if (await guardIntact(container)) return true;
	throw new AppError(
		'network-guard-tampered',
		'The network guard in the WebContainer was changed and could not be put back, so the command was not run.',
		'A process in the container may be rewriting .patchbay/guard.cjs: reload the page to start a fresh WebContainer.'
	);
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
		async verify() {
			await ensureGuard(container);
		},
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
