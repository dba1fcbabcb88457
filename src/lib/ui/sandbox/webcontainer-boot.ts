// One WebContainer per page, booted on first need. Its runtime loads from StackBlitz's servers,
// so a boot can fail or hang offline: callers give it a time limit and fall back to Lite.
import type { WebContainer } from '@webcontainer/api';
import { AppError } from '$lib/core/http';

let booting: Promise<WebContainer> | undefined;
/** Once a boot has timed out, automatic runtime choice stops waiting for it in this page. */
let timedOut: AppError | undefined;

export function bootTimedOut(): AppError | undefined {
	return timedOut;
}

export const WEBCONTAINER_BOOT_TIMEOUT_MS = 20_000;

export function bootWebContainer(timeoutMs = WEBCONTAINER_BOOT_TIMEOUT_MS): Promise<WebContainer> {
	if (!globalThis.crossOriginIsolated) {
		return Promise.reject(
			new AppError(
				'not-isolated',
				'This page is not cross-origin isolated, which the WebContainer needs.',
				'Serve Patchbay with the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers (see the README).'
			)
		);
	}
	booting ??= import('@webcontainer/api')
		.then(({ WebContainer }) =>
			WebContainer.boot({ coep: 'credentialless', workdirName: 'patchbay' })
		)
		.catch((error: unknown) => {
			booting = undefined;
			throw new AppError(
				'boot-failed',
				`The WebContainer did not start: ${error instanceof Error ? error.message : String(error)}`
			);
		});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			timedOut = new AppError(
				'boot-timeout',
				`The WebContainer did not start within ${Math.round(timeoutMs / 1000)} s.`,
				'Its runtime loads from StackBlitz: check the connection.'
			);
			reject(timedOut);
		}, timeoutMs);
		booting!.then(
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
