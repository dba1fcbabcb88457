// Writes a stream of server-sent events the way OpenAI does (`data: {json}` then `data: [DONE]`),
// optionally slowed down, or broken off after some chunks to test the client's error paths.
import type { ServerResponse } from 'node:http';
import { sleep, untilAborted } from './timing.ts';

export type StreamOptions = {
	chunkDelayMs?: number;
	/** Stop after this many chunks: `cut` destroys the socket, `hang` keeps it open, silent. */
	stop?: { afterChunks: number; then: 'cut' | 'hang' };
	/** While waiting between chunks or hanging, send an SSE comment this often. */
	keepAliveMs?: number;
};

/** Resolves once `text` has been handed to the socket, so a cut right after cannot drop it. */
function send(res: ServerResponse, text: string): Promise<void> {
	return new Promise<void>((resolve) => res.write(text, () => resolve()));
}

/**
 * Waits `ms` (for ever when undefined) or until the client goes away; with `keepAliveMs`, sends
 * SSE comments meanwhile, as OpenRouter and some proxies do while a model thinks. Resolves false
 * when the client went away.
 */
async function wait(
	res: ServerResponse,
	ms: number | undefined,
	keepAliveMs: number | undefined,
	signal: AbortSignal
): Promise<boolean> {
	if (!keepAliveMs) {
		if (ms === undefined) return untilAborted(signal).then(() => false);
		return sleep(ms, signal);
	}
	for (let left = ms ?? Infinity; left > 0; left -= keepAliveMs) {
		if (!(await sleep(Math.min(keepAliveMs, left), signal))) return false;
		if (left > keepAliveMs) await send(res, ': keep-alive\n\n');
	}
	return true;
}

/** How a reply ended: `aborted` means the client went away first. */
export type Outcome = 'done' | 'cut' | 'aborted';

/** Streams `chunks`, then `[DONE]` unless told to stop early. */
export async function streamEvents(
	res: ServerResponse,
	chunks: unknown[],
	options: StreamOptions,
	signal: AbortSignal
): Promise<Outcome> {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache'
	});
	// Headers go out before the first chunk, so even a stream stopped at chunk 0 has begun.
	res.flushHeaders();
	const stop = options.stop;
	for (const [at, chunk] of chunks.entries()) {
		if (stop && at === stop.afterChunks) break;
		const delayMs = at > 0 ? options.chunkDelayMs : undefined;
		if (delayMs && !(await wait(res, delayMs, options.keepAliveMs, signal))) return 'aborted';
		if (signal.aborted) return 'aborted';
		await send(res, `data: ${JSON.stringify(chunk)}\n\n`);
	}
	// A count at or past the number of chunks stops just before `[DONE]`.
	if (stop) {
		if (stop.then === 'hang') {
			await wait(res, undefined, options.keepAliveMs, signal);
			return 'aborted';
		}
		res.socket?.destroy();
		return 'cut';
	}
	await send(res, 'data: [DONE]\n\n');
	res.end();
	return 'done';
}
