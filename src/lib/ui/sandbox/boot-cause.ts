// Why a WebContainer cannot boot in this page, found before booting where the page can tell:
// a boot that cannot succeed would otherwise wait out its whole time limit and then say only
// "did not start". Each cause is an AppError whose message names it and whose hint says what
// to do (the UI offers Retry and "Use Lite" beside it).
import { AppError } from '$lib/core/http';

/** What the page knows about itself, injected so the detection is testable outside a browser. */
export type BootSurroundings = {
	/** `globalThis.crossOriginIsolated`: the WebContainer needs COOP + COEP. */
	crossOriginIsolated: boolean;
	/** Whether `SharedArrayBuffer` exists (browsers hide it from pages that are not isolated). */
	sharedArrayBuffer: boolean;
	/** Whether the runtime's host answers at all ('unknown': it did not answer in time). */
	reachRuntime: () => Promise<RuntimeReach>;
};

export type RuntimeReach = 'reachable' | 'unreachable' | 'unknown';

export type BootCauseCode = 'not-isolated' | 'no-shared-array-buffer' | 'runtime-unreachable';

/** Every code a failed WebContainer boot carries: the causes above, a timeout, a failed start. */
const BOOT_FAILURES = new Set([
	'not-isolated',
	'no-shared-array-buffer',
	'runtime-unreachable',
	'boot-timeout',
	'boot-failed'
]);

/** Whether an error code says the WebContainer did not boot (so Retry and "Use Lite" apply). */
export function isBootFailure(code: string): boolean {
	return BOOT_FAILURES.has(code);
}

/** The host the WebContainer's runtime frame loads from (the API's own default origin). */
export const RUNTIME_HOST_URL = 'https://stackblitz.com/headless';

const CANNOT = 'The WebContainer cannot start in this page';

/** The first reason a boot cannot succeed, or null when none is known (the boot may still fail). */
export async function bootCause(page: BootSurroundings): Promise<AppError | null> {
	if (!page.crossOriginIsolated) {
		return new AppError(
			'not-isolated',
			`${CANNOT}: it is not cross-origin isolated (crossOriginIsolated is false).`,
			'Serve Patchbay with the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers (see the README), or use Lite.'
		);
	}
	if (!page.sharedArrayBuffer) {
		return new AppError(
			'no-shared-array-buffer',
			`${CANNOT}: this browser offers no SharedArrayBuffer.`,
			'Use a current Chromium, Firefox or Safari, or use Lite.'
		);
	}
	if ((await page.reachRuntime()) === 'unreachable') {
		return new AppError(
			'runtime-unreachable',
			`${CANNOT}: its runtime host, ${new URL(RUNTIME_HOST_URL).host}, cannot be reached.`,
			'The runtime loads from StackBlitz when it first starts: check the connection and Retry, or use Lite.'
		);
	}
	return null;
}

/**
 * Whether `url`'s host answers: an opaque `no-cors` request succeeds whenever it does (this page
 * is COEP credentialless, so a response without CORP is let through when sent without
 * credentials), and fails at once when the name does not resolve or the connection is refused.
 * No answer within `timeoutMs` is 'unknown': the boot itself then decides, within its own limit.
 */
export async function reachHost(
	url: string,
	fetchImpl: typeof fetch,
	timeoutMs = 5_000
): Promise<RuntimeReach> {
	const signal = AbortSignal.timeout(timeoutMs);
	try {
		await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal });
		return 'reachable';
	} catch {
		return signal.aborted ? 'unknown' : 'unreachable';
	}
}
