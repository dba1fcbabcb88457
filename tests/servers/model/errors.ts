// OpenAI's error replies: the body shape the SDK turns into typed errors, the defaults a rate
// limit or server error carries, and the API key check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-common.ts';

export type OpenAiError = {
	message: string;
	type: string;
	param: string | null;
	code: string | null;
};

export function sendError(
	res: ServerResponse,
	status: number,
	error: Partial<OpenAiError> & { message: string },
	headers: Record<string, string> = {}
): void {
	const body: OpenAiError = {
		message: error.message,
		type: error.type ?? 'invalid_request_error',
		param: error.param ?? null,
		code: error.code ?? null
	};
	sendJson(res, status, { error: body }, headers);
}

/** What OpenAI says for a status when the script gives no message of its own. */
export function defaultError(status: number): Omit<OpenAiError, 'param'> {
	if (status === 429) {
		return {
			message: 'Rate limit reached for requests. Please try again later.',
			type: 'requests',
			code: 'rate_limit_exceeded'
		};
	}
	if (status >= 500) {
		return {
			message: 'The server had an error while processing your request. Sorry about that!',
			type: 'server_error',
			code: null
		};
	}
	return { message: `Scripted error ${status}.`, type: 'invalid_request_error', code: null };
}

/** Shows a key the way OpenAI does: its start and end, the rest masked. */
function mask(key: string): string {
	return key.length > 10
		? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
		: '*'.repeat(key.length);
}

/** Answers 401 and returns false when `apiKey` is set and the request does not carry it. */
export function authorize(
	req: IncomingMessage,
	res: ServerResponse,
	apiKey: string | undefined
): boolean {
	if (apiKey === undefined) return true;
	const header = req.headers.authorization;
	const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
	if (given === apiKey) return true;
	const message =
		given === undefined || given === ''
			? "You didn't provide an API key. You need to provide your API key in an Authorization " +
				'header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).'
			: `Incorrect API key provided: ${mask(given)}. You can find your API key at ` +
				'https://platform.openai.com/account/api-keys.';
	const code = given ? 'invalid_api_key' : null;
	sendError(res, 401, { message, code });
	return false;
}
