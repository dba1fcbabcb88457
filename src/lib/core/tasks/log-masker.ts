// Secret values out of an attempt's log before a line is stored or shown: the environment's
// setup secrets and Settings' keys and tokens (`settingsSecrets`), in every form the masker
// knows, wherever they turn up — a command's output, the model's text, a tool's result.
//
// Streamed pieces (the model's text, a command's output, setup's output) arrive cut anywhere, so
// a secret can straddle two of them, where no masker sees it whole. A piece that ends with the
// beginning of a secret keeps that tail back and sends it with the next piece of its stream;
// any other entry sends what is held first, so the log's order stays as it happened.
import { MIN_SECRET_LENGTH, secretForms, secretMasker } from '../secrets/mask.ts';
import type { AttemptLogEntry } from './log-entry.ts';

export type LogMasker = {
	/** What to log for `entry`, masked: none, one or two entries (a held tail goes first). */
	push(entry: AttemptLogEntry): AttemptLogEntry[];
	/** The tail still held back, when the log ends. */
	end(): AttemptLogEntry[];
};

type Held = { key: string; entry: AttemptLogEntry; text: string };

export function createLogMasker(secrets: readonly string[]): LogMasker {
	const known = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
	if (known.length === 0) return { push: (entry) => [entry], end: () => [] };
	const mask = secretMasker(known);
	const forms = [...new Set(known.flatMap(secretForms))];
	let held: Held | null = null;

	const release = (): AttemptLogEntry[] => {
		const out = held && held.text ? [withText(held.entry, held.text)] : [];
		held = null;
		return out;
	};

	return {
		push(entry) {
			const piece = pieceOf(entry);
			if (!piece) return [...release(), maskEntry(entry, mask)];
			const before = held?.key === piece.key ? held.text : '';
			const out = held?.key === piece.key ? [] : release();
			const masked = mask(before + piece.text);
			const keep = heldBack(masked, forms);
			const sent = masked.slice(0, masked.length - keep);
			held = { key: piece.key, entry, text: masked.slice(masked.length - keep) };
			if (sent) out.push(withText(entry, sent));
			return out;
		},
		end: release
	};
}

/**
 * Whole entries masked, for a log read back: stored before a secret was saved in Settings, say.
 * Streams are not joined here (a stored log holds them merged as they were flushed).
 */
export function logEntryMasker(
	secrets: readonly string[]
): (entry: AttemptLogEntry) => AttemptLogEntry {
	const known = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
	if (known.length === 0) return (entry) => entry;
	const mask = secretMasker(known);
	return (entry) => maskEntry(entry, mask);
}

/** The streamed text of an entry and the stream it belongs to; null for any other entry. */
function pieceOf(entry: AttemptLogEntry): { key: string; text: string } | null {
	if (entry.kind === 'agent') {
		const event = entry.event;
		if (event.type === 'text_delta') return { key: `text ${event.turn}`, text: event.delta };
		if (event.type === 'tool_output')
			return { key: `tool ${event.id} ${event.stream}`, text: event.chunk };
	}
	if (entry.kind === 'prepare' && entry.event.type === 'setup-output')
		return { key: `setup ${entry.event.chunk.stream}`, text: entry.event.chunk.text };
	return null;
}

function withText(entry: AttemptLogEntry, text: string): AttemptLogEntry {
	if (entry.kind === 'agent' && entry.event.type === 'text_delta')
		return { ...entry, event: { ...entry.event, delta: text } };
	if (entry.kind === 'agent' && entry.event.type === 'tool_output')
		return { ...entry, event: { ...entry.event, chunk: text } };
	if (entry.kind === 'prepare' && entry.event.type === 'setup-output')
		return { ...entry, event: { ...entry.event, chunk: { ...entry.event.chunk, text } } };
	return entry;
}

/** How many characters at the end of `text` could be the start of a secret, in any form. */
function heldBack(text: string, forms: readonly string[]): number {
	let keep = 0;
	for (const form of forms) {
		for (let length = Math.min(form.length - 1, text.length); length > keep; length--) {
			if (text.endsWith(form.slice(0, length))) {
				keep = length;
				break;
			}
		}
	}
	return keep;
}

/**
 * Every string in the entry masked (a status message, a tool's arguments and result, a notice,
 * a blocked URL). A picture's bytes (`dataUrl`) are left as they are: not text, and a mask
 * would break them.
 */
function maskEntry(entry: AttemptLogEntry, mask: (text: string) => string): AttemptLogEntry {
	const walk = (value: unknown, key?: string): unknown => {
		if (key === 'dataUrl') return value;
		if (typeof value === 'string') return mask(value);
		if (value === null || typeof value !== 'object') return value;
		if (Array.isArray(value)) return value.map((item) => walk(item));
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
	};
	return walk(entry) as AttemptLogEntry;
}
