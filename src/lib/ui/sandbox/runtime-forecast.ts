// Which runtime will run an environment, known before anything runs: a setup proposal says at
// once when its script will be skipped because the page will fall back to Lite.
import { firstNodeCommand, liteSkipNote } from '$lib/core/environments';
import type { RuntimeChoice } from '$lib/core/store';
import { webContainerBlocker } from './webcontainer-boot';

/** Why Lite will run for `runtime` in this page, or null when the WebContainer is expected to. */
export async function whyLite(runtime: RuntimeChoice): Promise<string | null> {
	switch (runtime) {
		case 'lite':
			return 'This environment uses the Lite runtime.';
		case 'webcontainer':
			return null;
		case 'auto': {
			const blocker = await webContainerBlocker();
			return blocker ? `${blocker.message} The Lite runtime will run instead.` : null;
		}
	}
}

/** The proposal's note when Lite will run a setup that needs Node, else null. */
export function liteSetupNote(script: string, liteBecause: string | null): string | null {
	const needs = liteBecause === null ? null : firstNodeCommand(script);
	return needs ? `${liteBecause} ${liteSkipNote(needs)}` : null;
}
