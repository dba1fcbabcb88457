// `POST /chat/completions` for one session: read and sanity-check the body, match it against the
// next step, and play that step. Every request the script did not foresee is recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from '../http-common.ts';
import { sendError } from './errors.ts';
import { playStep } from './play.ts';
import type { ChatRequest } from './script.ts';
import type { Session } from './session.ts';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What makes `body` unusable as a chat request (checks would trip over it), or null. */
function problemOf(body: unknown): string | null {
	if (!isObject(body)) return 'the body is not a JSON object';
	if (typeof body.model !== 'string') return '"model" is not a string';
	const messages = body.messages;
	if (!Array.isArray(messages) || messages.length === 0)
		return '"messages" is not a non-empty array';
	const bad = messages.findIndex(
		(message) => !isObject(message) || typeof message.role !== 'string'
	);
	if (bad >= 0) return `messages[${bad}] is not an object with a "role"`;
	const tools = body.tools;
	if (tools === undefined) return null;
	if (!Array.isArray(tools)) return '"tools" is not an array';
	const badTool = tools.findIndex((tool) => {
		const inner = isObject(tool)
			? tool.type === 'custom'
				? tool.custom
				: tool.function
			: undefined;
		return !isObject(inner) || typeof inner.name !== 'string';
	});
	return badTool >= 0 ? `tools[${badTool}] has no name` : null;
}

export async function handleChat(
	req: IncomingMessage,
	res: ServerResponse,
	session: Session
): Promise<void> {
	let body: unknown;
	try {
		body = await readJson(req);
	} catch {
		body = undefined;
	}
	const problem = problemOf(body);
	if (problem !== null) {
		const mismatch = session.reject(`Bad chat request: ${problem}`, null);
		sendError(res, 400, { message: mismatch.message, code: 'script_mismatch' });
		return;
	}
	const request = body as ChatRequest;
	if (session.models && !session.models.includes(request.model)) {
		const message = `The model \`${request.model}\` does not exist or you do not have access to it.`;
		sendError(res, 404, { message, code: 'model_not_found' });
		return;
	}
	const taken = session.take(request);
	if ('mismatch' in taken) {
		sendError(res, 400, { message: taken.mismatch.message, code: 'script_mismatch' });
		return;
	}
	// 'close' also follows a normal end; aborting then is harmless, as the step is over.
	const closed = new AbortController();
	res.once('close', () => closed.abort());
	const context = { id: `chatcmpl-${session.id}-${session.received}`, step: taken.index, request };
	const outcome = await playStep(res, taken.step, context, closed.signal);
	if (outcome === 'aborted') session.noteAborted();
}
