import type { NetworkPolicy } from './policy.ts';
import type { Decision, NetworkRules, RequestHeaders } from './rules.ts';

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
	/** The guard's own file, which children must preload too; null when it is not known. */
	guardPath: string | null;
	/** `preloadOption`, embedded beside this function. */
	preloadOption: (guardPath: string) => string;
	/** node:async_hooks' AsyncLocalStorage, or null where the runtime lacks it. */
	Storage: (new () => ApprovalStorage) | null;
};

export type BlockedError = Error & { code: 'PATCHBAY_NETWORK_BLOCKED' };

export type GuardState = {
	policy: NetworkPolicy;
	guardPath: string | null;
	/** Decides with the process's policy and appends the decision to the log. */
	check(url: string, method: string, headers?: RequestHeaders): Decision;
	/** `check` again for a request already allowed (its headers changed): only refusals logged. */
	recheck(url: string, method: string, headers?: RequestHeaders): Decision;
	/** The address a connection to `host` reaches (a resolver's answer); refusals are logged. */
	checkAddress(url: string, method: string, host: string, address: string): Decision;
	/** Logs a refusal that no URL rule made (a raw binding, UDP) and returns its error. */
	refuse(url: string, method: string, reason: string): BlockedError;
	/**
	 * The environment a child process (or worker) gets: `env` (default: this process's current
	 * one) with this process's policy, log and phase put back and the guard preloaded first, so
	 * a child cannot be started unguarded or with a looser policy from inside Node.
	 */
	childEnv(env?: Record<string, string | undefined>): Record<string, string>;
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

/** The NODE_OPTIONS entry preloading the guard at `guardPath`. Self-contained (embedded). */
export function preloadOption(guardPath: string): string {
	// NODE_OPTIONS splits on spaces; double quotes (with backslash escapes) keep a path whole.
	const quoted = /[\s"\\]/.test(guardPath)
		? '"' + guardPath.replace(/["\\]/g, '\\$&') + '"'
		: guardPath;
	return '--require ' + quoted;
}

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

	function check(url: string, method: string, headers?: RequestHeaders): Decision {
		const verb = (method || 'GET').toUpperCase();
		const decision = deps.rules.decide(policy, url, verb, headers);
		log(url, verb, decision);
		return decision;
	}

	function recheck(url: string, method: string, headers?: RequestHeaders): Decision {
		const verb = (method || 'GET').toUpperCase();
		const decision = deps.rules.decide(policy, url, verb, headers);
		if (!decision.allowed) log(url, verb, decision);
		return decision;
	}

	function checkAddress(url: string, method: string, host: string, address: string): Decision {
		const decision = deps.rules.decideAddress(policy, host, address);
		// An allowed address was already logged as its request; only a refusal is news.
		if (!decision.allowed) log(url, (method || 'GET').toUpperCase(), decision);
		return decision;
	}

	function refuse(url: string, method: string, reason: string): BlockedError {
		log(url, method, { allowed: false, reason });
		return blocked(reason);
	}

	const preload = deps.guardPath === null ? null : deps.preloadOption(deps.guardPath);
	const pinned: Record<string, string> = {
		PATCHBAY_NETWORK_POLICY: JSON.stringify(policy),
		PATCHBAY_NETWORK_PHASE: phase
	};
	if (logPath) pinned.PATCHBAY_NETWORK_LOG = logPath;

	function childEnv(env?: Record<string, string | undefined>): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [name, value] of Object.entries(env || deps.env)) {
			if (value !== undefined) out[name] = String(value);
		}
		if (!logPath) delete out.PATCHBAY_NETWORK_LOG;
		Object.assign(out, pinned);
		// First, so no other preload runs before the guard and keeps the unguarded originals.
		const options = out.NODE_OPTIONS || '';
		if (preload !== null && !options.startsWith(preload)) {
			out.NODE_OPTIONS = options ? preload + ' ' + options : preload;
		}
		return out;
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

	return {
		policy,
		guardPath: deps.guardPath,
		check,
		recheck,
		checkAddress,
		refuse,
		childEnv,
		hostUrl,
		endpoint,
		approved,
		current,
		blocked
	};
}
