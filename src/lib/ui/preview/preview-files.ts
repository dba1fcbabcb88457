// The files a Lite preview is built from: the attempt's sandbox when this tab holds it (its whole
// tree as it is now), else the files the stored result wrote. The document goes into the preview
// cache, where the service worker serves it (src/service-worker.ts).
import { base } from '$app/paths';
import { PREVIEW_CACHE, PREVIEW_PATH, previewDocument, previewRoot } from '$lib/core/preview';
import type { AttemptRecord } from '$lib/core/store';
import { attemptSessions } from '../tasks/attempt-sessions.svelte';

const MAX_FILES = 2000;
const KEEP_PREVIEWS = 8;

/** The attempt's files under the preview root, or null when it has no index.html to show. */
async function previewFiles(
	attempt: AttemptRecord
): Promise<{ root: string; files: Map<string, Uint8Array> } | null> {
	const files = new Map<string, Uint8Array>();
	const session = attemptSessions.get(attempt.id);
	if (session) {
		const entries = (await session.sandbox.list('', { skipDirs: ['.git', 'node_modules'] })).filter(
			(entry) => entry.mode !== '120000'
		);
		const root = previewRoot(entries.map((entry) => entry.path));
		if (root === null) return null;
		for (const entry of entries.filter((e) => e.path.startsWith(root)).slice(0, MAX_FILES)) {
			const data = await session.sandbox.readFile(entry.path);
			if (data) files.set(entry.path, data);
		}
		return { root, files };
	}
	for (const change of attempt.result?.changes ?? [])
		if (change.after) files.set(change.path, change.after);
	const root = previewRoot([...files.keys()]);
	return root === null ? null : { root, files };
}

/** The preview's URL (a new one each time, so the frame reloads), or null with no index.html. */
export async function publishPreview(attempt: AttemptRecord): Promise<string | null> {
	const found = await previewFiles(attempt);
	if (!found) return null;
	const document = previewDocument(found.files, found.root);
	const path = `${base}${PREVIEW_PATH}${attempt.id}/index.html`;
	const cache = await caches.open(PREVIEW_CACHE);
	await cache.put(path, new Response(document, { headers: { 'Content-Type': 'text/html' } }));
	// Only the latest few previews are kept (each may be megabytes of inlined files).
	const keys = await cache.keys();
	for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_PREVIEWS)))
		await cache.delete(old);
	return `${path}?v=${Date.now()}`;
}

/** Whether the service worker that serves previews is active (waiting a moment on a first visit). */
export async function previewServed(): Promise<boolean> {
	if (!('serviceWorker' in navigator)) return false;
	const ready = await Promise.race([
		navigator.serviceWorker.ready,
		new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))
	]);
	return Boolean(ready?.active);
}
