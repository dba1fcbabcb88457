// The app-shell service worker: precaches the built app so it loads with no network after the
// first visit, adds the host headers (isolation, frame refusal, the workers' policy) where the
// host sends none, and waits to replace an older version until the page says so (see
// lib/ui/app-update.svelte.ts).
import { base, build, files, prerendered, version } from '$service-worker';
import { precacheList, routeRequest, withHeaders } from '$lib/core/app-shell';
import { headersFor } from '../tools/security-headers.js';
import { PREVIEW_CACHE, PREVIEW_HEADERS, PREVIEW_PATH } from '$lib/core/preview';

// The DOM typings are the project's; the few worker types needed here are spelled out.
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & {
	request: Request;
	respondWith(response: Response | Promise<Response>): void;
};
type WorkerScope = {
	location: Location;
	skipWaiting(): Promise<void>;
	addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
	addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

const worker = self as unknown as WorkerScope;
const CACHE_PREFIX = 'patchbay-shell-';
const CACHE = `${CACHE_PREFIX}${version}`;
const SHELL = `${base}/`;
const precache = precacheList({ base, build, files, prerendered });
const scope = { origin: worker.location.origin, assets: new Set(precache) };

worker.addEventListener('install', (event) => {
	// No skipWaiting: a new version waits until the user reloads from the update prompt.
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(precache)));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
						.map((key) => caches.delete(key))
				)
			)
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (url.origin === scope.origin && url.pathname.startsWith(`${base}${PREVIEW_PATH}`)) {
		event.respondWith(preview(event.request));
		return;
	}
	const route = routeRequest(event.request, scope);
	if (route === 'pass') return;
	event.respondWith(respond(event.request, route));
});

async function respond(request: Request, route: 'asset' | 'navigation' | 'same-origin') {
	const cached =
		route === 'same-origin'
			? undefined
			: await caches.match(route === 'navigation' ? SHELL : request, { cacheName: CACHE });
	// A worker's script gets the workers' policy: `destination` says which fetches load one.
	const path = new URL(request.url).pathname.slice(base.length);
	const headers = headersFor({ path, dest: request.destination });
	return withHeaders(cached ?? (await fetch(request)), headers);
}

/**
 * A Lite preview the task page prepared (lib/ui/preview): one self-contained document from the
 * preview cache, under a policy that allows no network and gives it an opaque origin. Nothing
 * else is ever served under this path, so a missing preview is a plain 404.
 */
async function preview(request: Request): Promise<Response> {
	const cached =
		request.method === 'GET'
			? await caches.match(request, { cacheName: PREVIEW_CACHE, ignoreSearch: true })
			: undefined;
	if (!cached) {
		return new Response('No preview here: open it from the task page.', {
			status: 404,
			headers: { ...PREVIEW_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }
		});
	}
	return new Response(cached.body, { status: 200, headers: PREVIEW_HEADERS });
}
