import type { NetworkPolicy } from './policy.ts';

export type Decision = { allowed: boolean; reason: string };

export type NetworkRules = {
	decide(policy: NetworkPolicy, url: string, method?: string): Decision;
	/** A user's domain entry as the rules compare it (lowercase punycode), or null if unusable. */
	normaliseEntry(entry: string): string | null;
	isPolicy(value: unknown): value is NetworkPolicy;
};

/**
 * Builds the decision logic around a common-dependencies list.
 *
 * Self-contained on purpose: the body refers to nothing but its parameter and JavaScript
 * globals, so `node-guard.ts` can embed this function's source text in the guard that runs
 * inside sandbox processes. The page and the guard then run the same code, not two copies.
 * Keep it that way: no imports, no module-level helpers, no TypeScript-only runtime syntax.
 */
export function createNetworkRules(commonDomains: readonly string[]): NetworkRules {
	const readMethods = ['GET', 'HEAD', 'OPTIONS'];
	const schemes = ['http:', 'https:', 'ws:', 'wss:'];
	const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
	const label = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

	// The URL parser has already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted form.
	function isIp(host: string): boolean {
		return host.startsWith('[') || ipv4.test(host);
	}

	function withoutTrailingDot(host: string): string {
		return host.endsWith('.') ? host.slice(0, -1) : host;
	}

	function isHostname(host: string): boolean {
		if (isIp(host)) return true;
		if (host.length > 253) return false;
		return host.split('.').every((part) => label.test(part));
	}

	function normaliseEntry(entry: string): string | null {
		const text = String(entry).trim();
		const wildcard = text.startsWith('*.');
		const name = wildcard ? text.slice(2) : text;
		// Anything the URL parser would read as more than a host (scheme, path, user, port) is refused
		// rather than trimmed, so an entry never means something other than what it says.
		if (!name || /[\s/\\?#@*%]/.test(name)) return null;
		if (name.includes(':') && !/^\[[0-9a-fA-F:.]+\]$/.test(name)) return null;
		let host: string;
		try {
			host = withoutTrailingDot(new URL('http://' + name).hostname);
		} catch {
			return null;
		}
		if (!isHostname(host) || (wildcard && isIp(host))) return null;
		return host;
	}

	const common = commonDomains.map(normaliseEntry).filter((d): d is string => d !== null);

	function matches(host: string, entry: string): boolean {
		if (entry === 'localhost' || isIp(entry) || isIp(host)) return host === entry;
		return host === entry || host.endsWith('.' + entry);
	}

	function allowedBy(policy: NetworkPolicy, host: string): string | null {
		if (policy.preset === 'all') return 'all hosts allowed';
		for (const entry of policy.domains) {
			const domain = normaliseEntry(entry);
			if (domain !== null && matches(host, domain)) return 'allowed domain: ' + domain;
		}
		if (policy.preset !== 'common') return null;
		const domain = common.find((entry) => matches(host, entry));
		return domain === undefined ? null : 'common dependencies: ' + domain;
	}

	function decide(policy: NetworkPolicy, url: string, method?: string): Decision {
		if (policy.access !== 'on') return { allowed: false, reason: 'network off' };
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return { allowed: false, reason: 'invalid URL' };
		}
		if (!schemes.includes(parsed.protocol)) {
			return { allowed: false, reason: 'scheme ' + parsed.protocol + ' not allowed' };
		}
		const host = withoutTrailingDot(parsed.hostname);
		const rule = allowedBy(policy, host);
		if (rule === null) return { allowed: false, reason: 'not in allowlist: ' + host };
		if (policy.methods !== 'all') {
			// A WebSocket can send whatever it likes once open, so it is never read-only.
			if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
				return { allowed: false, reason: 'WebSocket not allowed (read-only)' };
			}
			const verb = (method || 'GET').toUpperCase();
			if (!readMethods.includes(verb)) {
				return { allowed: false, reason: 'method ' + verb + ' not allowed (read-only)' };
			}
		}
		return { allowed: true, reason: rule };
	}

	function isPolicy(value: unknown): value is NetworkPolicy {
		if (typeof value !== 'object' || value === null) return false;
		const v = value as Record<string, unknown>;
		return (
			(v.access === 'on' || v.access === 'off') &&
			(v.preset === 'none' || v.preset === 'common' || v.preset === 'all') &&
			(v.methods === 'read' || v.methods === 'all') &&
			Array.isArray(v.domains) &&
			v.domains.every((d) => typeof d === 'string')
		);
	}

	return { decide, normaliseEntry, isPolicy };
}
