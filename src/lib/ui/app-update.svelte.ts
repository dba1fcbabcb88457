// The service worker from the page's side: registers it (built app only), offers a new
// version when one is waiting, and reloads once to become cross-origin isolated where the
// host sent no isolation headers and the worker adds them.
import { dev } from '$app/environment';

const ISOLATION_RELOAD = 'patchbay-isolation-reload';

class AppUpdate {
	/** A new version is installed and waits for the user. */
	ready = $state(false);
	#waiting: ServiceWorker | null = null;
	#started = false;

	async register(): Promise<void> {
		if (this.#started || dev || !('serviceWorker' in navigator)) return;
		this.#started = true;
		const registration = await navigator.serviceWorker.register('./service-worker.js');
		if (registration.waiting && registration.active) this.#offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				// With an active version already there, an installed one is an update.
				if (installing.state === 'installed' && registration.active) this.#offer(installing);
			});
		});
		await navigator.serviceWorker.ready;
		isolateOnce();
	}

	/** Activates the waiting version and reloads into it. */
	accept(): void {
		const waiting = this.#waiting;
		if (!waiting) return;
		waiting.addEventListener('statechange', () => {
			if (waiting.state === 'activated') location.reload();
		});
		waiting.postMessage({ type: 'skip-waiting' });
	}

	dismiss(): void {
		this.ready = false;
	}

	#offer(worker: ServiceWorker) {
		this.#waiting = worker;
		this.ready = true;
	}
}

/** Not isolated and not yet served by the worker: one reload lets it add the headers. */
function isolateOnce() {
	if (crossOriginIsolated || navigator.serviceWorker.controller) return;
	if (sessionStorage.getItem(ISOLATION_RELOAD)) return;
	sessionStorage.setItem(ISOLATION_RELOAD, '1');
	location.reload();
}

export const appUpdate = new AppUpdate();
