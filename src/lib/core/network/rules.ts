import type { NetworkPolicy } from './policy.ts';

export type Decision = { allowed: boolean; reason: string };

/** Request headers in any of the shapes the enforcement points hold them. */
export type RequestHeaders =
	| Iterable<readonly [string, string]>
	| Record<string, string | number | readonly string[] | undefined>;

export type NetworkRules = {
	/** `headers` lets a method-override header be judged as the method it names. */
	decide(policy: NetworkPolicy, url: string, method?: string, headers?: RequestHeaders): Decision;
	/**
	 * The address a connection to `host` (already allowed by `decide`) actually reaches, as a
	 * resolver returned it: refused when local or private unless the host or the address is
	 * listed by name.
	 */
	decideAddress(policy: NetworkPolicy, host: string, address: string): Decision;
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
export function createNetworkRules(
	commonDomains: readonly string[],
	isLocalHost: (host: string) => boolean
): NetworkRules {
	const readMethods = ['GET', 'HEAD', 'OPTIONS'];
	// Frameworks (Rails, Laravel, Express's method-override, Google APIs) read these as the method.
	const overrideHeaders = ['x-http-method-override', 'x-http-method', 'x-method-override'];
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

	const commonList = commonDomains.map(normaliseEntry).filter((d): d is string => d !== null);

	function matches(host: string, entry: string): boolean {
		if (entry === 'localhost' || isIp(entry) || isIp(host)) return host === entry;
		return host === entry || host.endsWith('.' + entry);
	}

	function listed(policy: NetworkPolicy, host: string): string | null {
		for (const entry of policy.domains) {
			const domain = normaliseEntry(entry);
			if (domain !== null && matches(host, domain)) return domain;
		}
		return null;
	}

	function allowedBy(policy: NetworkPolicy, host: string): string | null {
		const domain = listed(policy, host);
		if (domain !== null) return 'allowed domain: ' + domain;
		// 'all' means the internet: the user's own machine and network only when listed by name.
		if (policy.preset === 'all') return isLocalHost(host) ? null : 'all hosts allowed';
		if (policy.preset !== 'common') return null;
		const common = commonList.find((entry) => matches(host, entry));
		return common === undefined ? null : 'common dependencies: ' + common;
	}

	function headerValues(headers: RequestHeaders | undefined): [string, string][] {
		if (!headers || typeof headers !== 'object') return [];
		const pairs: [string, string][] = [];
		const iterable = Symbol.iterator in headers;
		const entries = iterable
			? Array.from(headers as Iterable<readonly [string, string]>)
			: Object.entries(headers);
		for (const [name, value] of entries) {
			const values = Array.isArray(value) ? value : [value];
			for (const one of values) if (one !== undefined) pairs.push([String(name), String(one)]);
		}
		return pairs;
	}

	/** Methods a request names besides its own: override headers, then `_method` in the query. */
	function namedMethods(parsed: URL, headers: RequestHeaders | undefined): [string, string][] {
		const named: [string, string][] = [];
		for (const [name, value] of headerValues(headers)) {
			const lower = name.toLowerCase();
			if (!overrideHeaders.includes(lower)) continue;
			for (const verb of value.split(',')) named.push([verb, lower]);
		}
		parsed.searchParams.forEach((value, name) => {
			if (name.toLowerCase() === '_method') named.push([value, '_method']);
		});
		return named;
	}

	function readOnlyRefusal(
		parsed: URL,
		method?: string,
		headers?: RequestHeaders
	): Decision | null {
		// A WebSocket can send whatever it likes once open, so it is never read-only.
		if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
			return { allowed: false, reason: 'WebSocket not allowed (read-only)' };
		}
		const verb = (method || 'GET').toUpperCase();
		if (!readMethods.includes(verb)) {
			return { allowed: false, reason: 'method ' + verb + ' not allowed (read-only)' };
		}
		for (const [value, source] of namedMethods(parsed, headers)) {
			const named = value.trim().toUpperCase();
			if (named && !readMethods.includes(named)) {
				const reason = 'method ' + named + ' not allowed (read-only; named by ' + source + ')';
				return { allowed: false, reason };
			}
		}
		return null;
	}

	function decide(
		policy: NetworkPolicy,
		url: string,
		method?: string,
		headers?: RequestHeaders
	): Decision {
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
		if (rule === null) {
			const local = policy.preset === 'all' && isLocalHost(host);
			const why = local ? 'local or private address not listed: ' : 'not in allowlist: ';
			return { allowed: false, reason: why + host };
		}
		const refusal = policy.methods === 'all' ? null : readOnlyRefusal(parsed, method, headers);
		return refusal ?? { allowed: true, reason: rule };
	}

	function decideAddress(policy: NetworkPolicy, host: string, address: string): Decision {
		const name = withoutTrailingDot(String(host).toLowerCase());
		const ip = String(address).replace(/%.*$/, '').toLowerCase();
		const bracketed = ip.includes(':') ? '[' + ip + ']' : ip;
		if (!isLocalHost(ip)) return { allowed: true, reason: 'public address' };
		const domain = listed(policy, name) ?? listed(policy, normaliseEntry(bracketed) ?? bracketed);
		if (domain !== null) return { allowed: true, reason: 'allowed domain: ' + domain };
		const reason = 'local or private address not listed: ' + name + ' (' + ip + ')';
		return { allowed: false, reason };
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

	return { decide, decideAddress, normaliseEntry, isPolicy };
}
