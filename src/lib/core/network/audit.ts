export type NetworkPhase = 'setup' | 'agent';

/** One decision at one enforcement point, as stored in the attempt's log. */
export type NetworkAuditEvent = {
	type: 'network';
	time: number;
	phase: NetworkPhase;
	/** Which enforcement point decided: 'web_fetch', 'lite-curl', 'node-guard', 'page', … */
	source: string;
	method: string;
	/** Masked with `maskUrl`: no user-info, query values and fragment replaced by '***'. */
	url: string;
	allowed: boolean;
	reason: string;
};

/**
 * A URL as the audit log may keep it: user-info removed, query values and the fragment
 * replaced by '***' (they carry tokens), long URLs cut. Self-contained (no outside references)
 * because the Node guard embeds its source text.
 */
export function maskUrl(url: string): string {
	const limit = 2000;
	const masked = (query: string): string =>
		query
			.split('&')
			.map((part) => (part.includes('=') ? part.slice(0, part.indexOf('=')) + '=***' : part))
			.join('&');
	let text: string;
	try {
		const parsed = new URL(url);
		parsed.username = '';
		parsed.password = '';
		const query = parsed.search ? '?' + masked(parsed.search.slice(1)) : '';
		const fragment = parsed.hash ? '#***' : '';
		parsed.search = '';
		parsed.hash = '';
		text = parsed.href + query + fragment;
	} catch {
		// Not a URL, but it may still hold a secret: drop what looks like user-info and a query.
		const cut = String(url).search(/[?#]/);
		text = (cut < 0 ? String(url) : String(url).slice(0, cut) + '?***').replace(
			/\/\/[^/@]*@/,
			'//'
		);
	}
	return text.length > limit ? text.slice(0, limit) + '…' : text;
}

/** The event an enforcement point records for a decision it has just applied. */
export function networkAuditEvent(
	at: { phase: NetworkPhase; source: string; method?: string; url: string },
	decision: { allowed: boolean; reason: string },
	time: number = Date.now()
): NetworkAuditEvent {
	return {
		type: 'network',
		time,
		phase: at.phase,
		source: at.source,
		method: (at.method || 'GET').toUpperCase(),
		url: maskUrl(at.url),
		allowed: decision.allowed,
		reason: decision.reason
	};
}

function isAuditEvent(value: unknown): value is NetworkAuditEvent {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		v.type === 'network' &&
		typeof v.time === 'number' &&
		(v.phase === 'setup' || v.phase === 'agent') &&
		typeof v.source === 'string' &&
		typeof v.method === 'string' &&
		typeof v.url === 'string' &&
		typeof v.allowed === 'boolean' &&
		typeof v.reason === 'string'
	);
}

/**
 * Reads the JSON-lines log the Node guard appends to. Processes in the sandbox can write to
 * that file too, so the text is untrusted: lines that are not well-formed events are skipped,
 * and URLs are masked again in case a line was not written by the guard.
 */
export function parseNetworkLog(text: string): NetworkAuditEvent[] {
	const events: NetworkAuditEvent[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			continue;
		}
		if (!isAuditEvent(value)) continue;
		const { type, time, phase, source, method, url, allowed, reason } = value;
		events.push({ type, time, phase, source, method, url: maskUrl(url), allowed, reason });
	}
	return events;
}
