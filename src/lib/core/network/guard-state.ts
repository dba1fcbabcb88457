import type { NetworkPolicy } from './policy.ts';
import type { Decision, NetworkRules } from './rules.ts';

/** An HTTP-level request the guard allowed, carried to the socket opened on its behalf. */
export type Approval = { endpoint: string; method: string };

type ApprovalStorage = {
	run<T>(store: Approval, fn: () => T): T;
	getStore(): Approval | undefined;
};

export type GuardDeps = {
	rules: NetworkRules;
	maskUrl: (url: string) => string;
	env: Record<string, string | undefined>;
	/** Used when the policy variable is absent; null means closed. */
	fallbackPolicy: unknown;
	appendFile: (path: string, text: string) => void;
	/** node:async_hooks' AsyncLocalStorage, or null where the runtime lacks it. */
	Storage: (new () => ApprovalStorage) | null;
};

export type BlockedError = Error & { code: 'PATCHBAY_NETWORK_BLOCKED' };

export type GuardState = {
	policy: NetworkPolicy;
	/** Decides with the process's policy and appends the decision to the log. */
	check(url: string, method: string): Decision;
	/** A URL for a host and port as Node's APIs take them; hosts the URL parser would misread fail. */
	hostUrl(scheme: string, host: unknown, port: unknown, path: string): string;
	/** `host:port` as the rules compare hosts, with the scheme's default port filled in. */
	endpoint(url: string): string | null;
	/** Runs `fn` (which opens connections) marked as serving an allowed request. */
	approved<T>(url: string, method: string, fn: () => T): T;
	/** The allowed request the current code serves, if any. */
	current(): Approval | undefined;
	blocked(reason: string, kind?: ErrorConstructor): BlockedError;
};

/**
 * The per-process part of the Node guard: policy from the environment, the log, approvals.
 * Self-contained (only parameters and globals) because `node-guard.ts` embeds its source.
 */
export function createGuardState(deps: GuardDeps): GuardState {
	const closed: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };
	const phase = deps.env.PATCHBAY_NETWORK_PHASE === 'setup' ? 'setup' : 'agent';
	const logPath = deps.env.PATCHBAY_NETWORK_LOG;
	const storage = deps.Storage ? new deps.Storage() : null;
	// Without AsyncLocalStorage the guard cannot tell Node's own HTTP sockets from raw ones;
	// it then holds sockets to the host rule alone rather than break every read-only request.
	const unknownCaller: Approval = { endpoint: '', method: 'GET' };

	function readPolicy(): NetworkPolicy {
		const text = deps.env.PATCHBAY_NETWORK_POLICY;
		let value: unknown = deps.fallbackPolicy;
		if (text !== undefined) {
			try {
				value = JSON.parse(text);
			} catch {
				value = null;
			}
		}
		return deps.rules.isPolicy(value) ? value : closed;
	}
	const policy = readPolicy();

	function log(url: string, method: string, decision: Decision): void {
		if (!logPath) return;
		const event = {
			type: 'network',
			time: Date.now(),
			phase,
			source: 'node-guard',
			method,
			url: deps.maskUrl(url),
			allowed: decision.allowed,
			reason: decision.reason
		};
		try {
			deps.appendFile(logPath, JSON.stringify(event) + '\n');
		} catch {
			// The log is evidence, not enforcement: a full disk must not break the program.
		}
	}

	function check(url: string, method: string): Decision {
		const verb = (method || 'GET').toUpperCase();
		const decision = deps.rules.decide(policy, url, verb);
		log(url, verb, decision);
		return decision;
	}

	function hostUrl(scheme: string, host: unknown, port: unknown, path: string): string {
		const text = String(host);
		const bracketed = text.includes(':') && !text.startsWith('[') ? '[' + text + ']' : text;
		// Node resolves the host string as given; the URL parser would read '/', '@', '%'… as
		// structure. Encoding them makes the parse fail, so such a host is denied, never misread.
		const safe = /^[^\s/\\?#@%]+$/.test(bracketed) ? bracketed : encodeURIComponent(bracketed);
		const suffix = port === undefined || port === null || port === '' ? '' : ':' + String(port);
		return scheme + '//' + safe + suffix + path;
	}

	function endpoint(url: string): string | null {
		try {
			const parsed = new URL(url);
			const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
			const host = parsed.hostname.replace(/\.$/, '');
			return host + ':' + (parsed.port || (secure ? '443' : '80'));
		} catch {
			return null;
		}
	}

	function approved<T>(url: string, method: string, fn: () => T): T {
		const approval = { endpoint: endpoint(url) || '', method: (method || 'GET').toUpperCase() };
		return storage ? storage.run(approval, fn) : fn();
	}

	function current(): Approval | undefined {
		return storage ? storage.getStore() : unknownCaller;
	}

	function blocked(reason: string, kind: ErrorConstructor = Error): BlockedError {
		const error = new kind('Blocked by Patchbay network policy: ' + reason);
		return Object.assign(error, { code: 'PATCHBAY_NETWORK_BLOCKED' as const });
	}

	return { policy, check, hostUrl, endpoint, approved, current, blocked };
}
