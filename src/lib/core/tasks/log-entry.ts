// What an attempt's log holds: its status changes, the user's messages, the preparation, and
// every agent event. Stored append-only; replayed to show the log after a reload.
import type { AgentEvent } from '../agent/index.ts';
import type { ImageAttachment } from '../model/index.ts';
import type { PrepareEvent } from '../environments/index.ts';
import type { NetworkAuditEvent, NetworkPhase } from '../network/index.ts';
import type { AttemptStatus } from '../store/index.ts';

export type AttemptLogEntry =
	| { kind: 'status'; status: AttemptStatus; message?: string }
	/** `images`: pictures sent with the message, kept here (IndexedDB) so the log shows them. */
	| { kind: 'user'; text: string; images?: ImageAttachment[] }
	| { kind: 'prepare'; event: PrepareEvent }
	| { kind: 'agent'; event: AgentEvent }
	| { kind: 'network'; event: NetworkAuditEvent }
	/** The network policy in force changed (setup → agent). */
	| { kind: 'phase'; phase: NetworkPhase; note: string };

/** Streamed text and command output are stored merged, not one entry per piece. */
export function mergeLogEntries(a: AttemptLogEntry, b: AttemptLogEntry): AttemptLogEntry | null {
	if (a.kind === 'agent' && b.kind === 'agent') {
		const x = a.event;
		const y = b.event;
		if (x.type === 'text_delta' && y.type === 'text_delta' && x.turn === y.turn) {
			return { kind: 'agent', event: { ...x, delta: x.delta + y.delta } };
		}
		if (
			x.type === 'tool_output' &&
			y.type === 'tool_output' &&
			x.id === y.id &&
			x.stream === y.stream
		) {
			return { kind: 'agent', event: { ...x, chunk: x.chunk + y.chunk } };
		}
	}
	if (a.kind === 'prepare' && b.kind === 'prepare') {
		const x = a.event;
		const y = b.event;
		if (
			x.type === 'setup-output' &&
			y.type === 'setup-output' &&
			x.chunk.stream === y.chunk.stream
		) {
			return {
				kind: 'prepare',
				event: { ...x, chunk: { ...x.chunk, text: x.chunk.text + y.chunk.text } }
			};
		}
		if (x.type === 'checkout-progress' && y.type === 'checkout-progress') return b;
	}
	return null;
}

/**
 * Entries stored at once rather than on the log's timer: everything but the streamed pieces
 * (text deltas, command output, setup output, checkout progress), which come in quick runs.
 */
export function isUrgentEntry(entry: AttemptLogEntry): boolean {
	if (entry.kind === 'agent')
		return entry.event.type !== 'text_delta' && entry.event.type !== 'tool_output';
	if (entry.kind === 'prepare')
		return entry.event.type !== 'setup-output' && entry.event.type !== 'checkout-progress';
	return true;
}
