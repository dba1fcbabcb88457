// One WebContainer per page, booted on first need. Its runtime loads from StackBlitz's servers,
// so a boot can fail or hang offline. What the page can tell beforehand (no isolation, no
// SharedArrayBuffer, the runtime host unreachable) fails at once with that cause; the rest is
// given a time limit, after which callers fall back to Lite.
import type { WebContainer } from '@webcontainer/api';
import { AppError } from '$lib/core/http';
import { bootCause, reachHost, RUNTIME_HOST_URL, type BootSurroundings } from './boot-cause';

let booting: Promise<WebContainer> | undefined;
/** Once a boot has timed out, automatic runtime choice stops waiting for it in this page. */
let timedOut: AppError | undefined;

export function bootTimedOut(): AppError | undefined {
	return timedOut;
}

export const WEBCONTAINER_BOOT_TIMEOUT_MS = 20_000;

function surroundings(): BootSurroundings {
	return {
		crossOriginIsolated: globalThis.crossOriginIsolated === true,
		sharedArrayBuffer: typeof globalThis.SharedArrayBuffer === 'function',
		reachRuntime: () => reachHost(RUNTIME_HOST_URL, globalThis.fetch.bind(globalThis))
	};
}

/**
 * Why the WebContainer will not boot in this page, as far as it can tell now: a cause found
 * beforehand, or the earlier boot that timed out. Null when a boot is under way or done, or
 * nothing stands in its way.
 */
export async function webContainerBlocker(): Promise<AppError | null> {
	if (timedOut) return timedOut;
	if (booting) return null;
	return bootCause(surroundings());
}

export async function bootWebContainer(
	timeoutMs = WEBCONTAINER_BOOT_TIMEOUT_MS
): Promise<WebContainer> {
	// Checked before the boot starts: the API loads its runtime frame once per page, and a frame
	// that failed to load (offline) would keep later boots waiting out the limit.
	if (!booting) {
		const cause = await bootCause(surroundings());
		if (cause) throw cause;
	}
	booting ??= import('@webcontainer/api')
		.then(({ WebContainer }) =>
			WebContainer.boot({ coep: 'credentialless', workdirName: 'patchbay' })
		)
		.catch((error: unknown) => {
			booting = undefined;
			throw new AppError(
				'boot-failed',
				`The WebContainer did not start: ${error instanceof Error ? error.message : String(error)}`,
				'Retry, or use Lite.'
			);
		});
	const started = booting;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			timedOut = new AppError(
				'boot-timeout',
				`The WebContainer did not start within ${Math.round(timeoutMs / 1000)} s.`,
				'Its runtime loads from StackBlitz: check the connection, then Retry, or use Lite.'
			);
			reject(timedOut);
		}, timeoutMs);
		started.then(
			(container) => {
				clearTimeout(timer);
				timedOut = undefined;
				resolve(container);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}
