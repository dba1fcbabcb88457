// Picks the runtime for an attempt: the WebContainer when the page can boot one (or the user
// forced it), else Lite, saying why.
import type { CheckedOut } from '$lib/core/environments';
import { AppError } from '$lib/core/http';
import type { NetworkAuditEvent } from '$lib/core/network';
import {
	createLiteNetwork,
	createLiteSandbox,
	createWebContainerSandbox,
	liteCommands,
	type GitRepoOptions,
	type NetworkState,
	type Sandbox
} from '$lib/core/sandbox';
import type { RuntimeChoice } from '$lib/core/store';
import { sandboxFetch } from '../workers/sandbox-fetch';
import { bootTimedOut, bootWebContainer } from './webcontainer-boot';
import { webContainerServers } from '../preview/webcontainer-servers.svelte';

export type MadeSandbox = { sandbox: Sandbox; notice?: string };

/** What a sandbox is given besides its files: the checkout (for `git`), the network, the audit. */
export type SandboxWiring = {
	checkedOut: CheckedOut;
	network: () => NetworkState;
	onAudit: (event: NetworkAuditEvent) => void;
};

/**
 * The checkout's blobs by oid, for `git` in either runtime. Indexed at the first read: the
 * files may still be arriving when the sandbox is made (commands wait for them; prepare.ts).
 */
function baselineReader(checkedOut: CheckedOut) {
	let blobs: Map<string, Uint8Array | undefined> | undefined;
	return async (oid: string) => {
		if (!blobs) {
			const byPath = new Map(checkedOut.files.map((file) => [file.path, file.data]));
			blobs = new Map(checkedOut.baseline.entries.map((e) => [e.oid, byPath.get(e.path)]));
		}
		return blobs.get(oid) ?? new Uint8Array();
	};
}

/**
 * What the sandbox's `git` knows of the repository: the baseline, its blobs, and the commit's
 * message, author and committer where the checkout learnt them, so `git log`/`git show` print
 * the commit as git does (without them it shows only the ids).
 */
function gitOptions(checkedOut: CheckedOut): GitRepoOptions {
	const { baseline } = checkedOut;
	return {
		baseline,
		readBaseline: baselineReader(checkedOut),
		...(baseline.commitInfo ? { commitInfo: baseline.commitInfo } : {})
	};
}

function lite(attemptId: string, wiring: SandboxWiring): Sandbox {
	const root = `/work/${attemptId}`;
	return createLiteSandbox({
		root,
		commands: liteCommands({ ...gitOptions(wiring.checkedOut), root }),
		// Through the network worker: the page itself may reach only the configured endpoints.
		fetch: createLiteNetwork({
			state: wiring.network,
			onAudit: wiring.onAudit,
			fetch: sandboxFetch
		})
	});
}

export async function createSandbox(
	runtime: RuntimeChoice,
	attemptId: string,
	wiring: SandboxWiring
): Promise<MadeSandbox> {
	if (runtime === 'lite') return { sandbox: lite(attemptId, wiring) };
	try {
		const earlier = runtime === 'auto' ? bootTimedOut() : undefined;
		if (earlier) throw earlier;
		const container = await bootWebContainer();
		// Servers the agent starts there (`npm run dev &`) show in the task page's Preview.
		webContainerServers.watch(container);
		// Its network guard is best-effort (a process can strip its environment); Lite's is complete.
		const sandbox = createWebContainerSandbox(
			container,
			`work/${attemptId}`,
			{},
			{
				network: { state: wiring.network, onAudit: wiring.onAudit },
				git: gitOptions(wiring.checkedOut)
			}
		);
		return { sandbox };
	} catch (error) {
		if (runtime === 'webcontainer') throw error;
		const why = error instanceof AppError ? error.message : String(error);
		return {
			sandbox: lite(attemptId, wiring),
			notice: `Using the Lite runtime (a virtual bash shell without Node): ${why}`
		};
	}
}
