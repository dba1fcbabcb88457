// Plays one step in answer to a request: a reply (streamed or whole), a scripted HTTP error, or
// one of the ways a real server fails mid-way (delay, cut, hang).
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-common.ts';
import { defaultError, sendError } from './errors.ts';
import { chunksOf, completionOf, type ReplyContext } from './replies.ts';
import { isErrorStep, isHangStep, type Step, type Turn } from './script.ts';
import { type Outcome, streamEvents, type StreamOptions } from './sse.ts';
import { sleep, untilAborted } from './timing.ts';

function stopOf(turn: Turn): StreamOptions['stop'] {
	if (turn.cutAfterChunks !== undefined) return { afterChunks: turn.cutAfterChunks, then: 'cut' };
	if (turn.hangAfterChunks !== undefined)
		return { afterChunks: turn.hangAfterChunks, then: 'hang' };
	return undefined;
}

async function playTurn(
	res: ServerResponse,
	turn: Turn,
	context: ReplyContext,
	signal: AbortSignal
): Promise<Outcome> {
	const stop = stopOf(turn);
	if (context.request.stream === true) {
		const chunks = chunksOf(turn, context);
		const options = { chunkDelayMs: turn.chunkDelayMs, keepAliveMs: turn.keepAliveMs, stop };
		return streamEvents(res, chunks, options, signal);
	}
	if (stop?.then === 'cut') {
		res.socket?.destroy();
		return 'cut';
	}
	if (stop?.then === 'hang') {
		await untilAborted(signal);
		return 'aborted';
	}
	sendJson(res, 200, completionOf(turn, context));
	return 'done';
}

/** Answers the request in `context` with `step`; resolves when the reply is over, however it ended. */
export async function playStep(
	res: ServerResponse,
	step: Step,
	context: ReplyContext,
	signal: AbortSignal
): Promise<Outcome> {
	if (step.delayMs && !(await sleep(step.delayMs, signal))) return 'aborted';
	if (isHangStep(step)) {
		await untilAborted(signal);
		return 'aborted';
	}
	if (isErrorStep(step)) {
		const { status, retryAfter, ...given } = step.error;
		const headers: Record<string, string> =
			retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
		sendError(res, status, { ...defaultError(status), ...given }, headers);
		return 'done';
	}
	return playTurn(res, step, context, signal);
}
