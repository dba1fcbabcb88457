// The task-link codec: a task as `pb1.<base64url(deflate(JSON))>`, safe in a URL fragment.
// `pb1` names the wire format (deflate + base64url of JSON); the schema version lives inside
// the JSON, so old links keep decoding through migrations while the wrapper stays put.
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { deflate, inflateBounded } from './deflate.ts';
import { ShareError } from './errors.ts';
import { MAX_INFLATED_BYTES, MAX_LINK_CHARS } from './limits.ts';
import type { SharedTask } from './schema.ts';
import { fromDocument, toDocument } from './versions.ts';

const FORMAT = 1;
const PREFIX = `pb${FORMAT}.`;
const TAGGED = /^pb([0-9]{1,9})\./;

/**
 * A task as text for a URL fragment (alphabet `A–Z a–z 0–9 - _ .`). The task is checked with
 * the same validator as `decodeShare`, so an unknown field (where a secret could hide) throws
 * `invalid`, and a task too big for `decodeShare` to accept throws `too-large`.
 */
export function encodeShare(task: SharedTask): string {
	const json = new TextEncoder().encode(JSON.stringify(toDocument(task)));
	if (json.length > MAX_INFLATED_BYTES) {
		throw tooLarge(`The task is ${megabytes(json.length)} MB`, MAX_INFLATED_BYTES, 'MB of data');
	}
	const link = PREFIX + toBase64Url(deflate(json));
	if (link.length > MAX_LINK_CHARS) {
		throw tooLarge(`The link is ${megabytes(link.length)} MB`, MAX_LINK_CHARS, 'MB of text');
	}
	return link;
}

/**
 * The task a link carries, or a `ShareError`. The input is untrusted: it is size-capped,
 * inflated with a bound, parsed, and validated field by field. A leading `#` and surrounding
 * whitespace (from a pasted link) are ignored.
 */
export function decodeShare(fragment: string): SharedTask {
	const text = fragment.trim().replace(/^#/, '');
	if (text.length > MAX_LINK_CHARS) {
		throw tooLarge(`The link is ${megabytes(text.length)} MB`, MAX_LINK_CHARS, 'MB of text');
	}
	const tag = TAGGED.exec(text);
	if (tag === null) throw new ShareError('corrupt', 'This is not a Patchbay share link.');
	if (tag[1] !== String(FORMAT)) {
		const message = `This link uses link format ${tag[1]}; this Patchbay reads format ${FORMAT}.`;
		throw new ShareError('unsupported-version', message);
	}
	const bytes = inflateBounded(fromBase64Url(text.slice(tag[0].length)));
	return fromDocument(parseJson(utf8(bytes)));
}

function utf8(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch (error) {
		throw new ShareError('corrupt', 'The link data is not valid UTF-8 text.', { cause: error });
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ShareError('not-json', 'The link data is not valid JSON.', { cause: error });
	}
}

function tooLarge(what: string, limit: number, unit: string): ShareError {
	return new ShareError('too-large', `${what}; a link holds at most ${megabytes(limit)} ${unit}.`);
}

function megabytes(size: number): string {
	return (size / (1024 * 1024)).toFixed(1);
}
