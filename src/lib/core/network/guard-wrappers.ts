import type { LookupFor } from './guard-lookup.ts';
import type { GuardState } from './guard-state.ts';
import type { RequestHeaders } from './rules.ts';

// Each function here is embedded as source text in the Node guard (see node-guard.ts), so each
// refers only to its parameters and JavaScript/Node globals: no imports, no shared helpers.

type FetchInit = { method?: unknown; headers?: unknown };
type Scope = {
	fetch?: (this: unknown, input: unknown, init?: FetchInit) => Promise<unknown>;
	WebSocket?: new (...args: unknown[]) => object;
};
type ClientRequestLike = {
	method: string;
	path: unknown;
	protocol?: string;
	getHeader(name: string): unknown;
	getHeaders?(): Record<string, string | number | string[] | undefined>;
	emit(event: 'error', error: Error): unknown;
};
type AgentLike = { protocol?: string };
type AddRequest = (
	this: AgentLike,
	req: ClientRequestLike,
	options: unknown,
	...rest: unknown[]
) => unknown;
type AgentClass = { prototype: { addRequest: AddRequest } };
type Connectable = { destroy(error: Error): unknown; encrypted?: boolean };
type SocketClass = { prototype: { connect: (this: Connectable, ...args: unknown[]) => unknown } };

/** fetch: a denied request rejects with a TypeError, as fetch's own network failures do. */
export function guardFetch(state: GuardState, scope: Scope): void {
	const original = scope.fetch;
	if (typeof original !== 'function') return;
	scope.fetch = function fetch(this: unknown, input: unknown, init?: FetchInit) {
		const request = typeof input === 'object' && input !== null ? input : {};
		const url =
			input instanceof URL
				? input.href
				: 'url' in request && typeof request.url === 'string'
					? request.url
					: String(input);
		const fromRequest = 'method' in request ? request.method : undefined;
		const method = String((init && init.method) || fromRequest || 'GET');
		// Headers as given (a Headers object, pairs or a record); a Request carries its own.
		const given =
			init && init.headers ? init.headers : 'headers' in request ? request.headers : null;
		const headers =
			typeof given === 'object' && given !== null ? (given as RequestHeaders) : undefined;
		const decision = state.check(url, method, headers);
		if (!decision.allowed) return Promise.reject(state.blocked(decision.reason, TypeError));
		return state.approved(url, method, () => original.call(this, input, init));
	};
}

/**
 * http and https: every request either module makes (request, get, ES-module imports, a
 * ClientRequest built directly) is handed to its agent through http.Agent.prototype.addRequest,
 * which https.Agent inherits. Deciding there covers both without loading https (and TLS) into
 * every process at startup. A denied request gets 'error' asynchronously, as a refused
 * connection would, and never reaches a socket. Headers set after that (setHeader before the
 * first write) are judged again when Node writes them out (`_storeHeader`): a method-override
 * header added late is refused there, by throwing from the write, as an invalid header is.
 */
export function guardHttp(
	state: GuardState,
	Agent: AgentClass,
	ClientRequest: { prototype: Record<string, unknown> }
): void {
	const original = Agent.prototype.addRequest;
	const decided = new WeakMap<object, { url: string; method: string }>();
	/** Header pairs in the shapes Node keeps them: [name, value] records, raw arrays, text. */
	function pairs(headers: unknown): [string, string][] {
		const out: [string, string][] = [];
		if (typeof headers === 'string') {
			for (const line of headers.split('\r\n').slice(1)) {
				const at = line.indexOf(':');
				if (at > 0) out.push([line.slice(0, at), line.slice(at + 1)]);
			}
		} else if (Array.isArray(headers)) {
			if (Array.isArray(headers[0])) {
				for (const pair of headers) out.push([String(pair[0]), String(pair[1])]);
			} else {
				for (let i = 0; i + 1 < headers.length; i += 2) {
					out.push([String(headers[i]), String(headers[i + 1])]);
				}
			}
		} else if (typeof headers === 'object' && headers !== null) {
			for (const [name, value] of Object.entries(headers)) {
				// Node's own store holds [name as given, value] under the lowercase name.
				const held = Array.isArray(value) && value.length === 2 && !Array.isArray(value[1]);
				const values = held ? [value[1]] : Array.isArray(value) ? value : [value];
				for (const one of values) if (one !== undefined) out.push([name, String(one)]);
			}
		}
		return out;
	}
	Agent.prototype.addRequest = function addRequest(this: AgentLike, req, options, ...rest) {
		const opts = (typeof options === 'object' && options !== null ? options : {}) as {
			host?: unknown;
			port?: unknown;
			socketPath?: unknown;
		};
		// The legacy form addRequest(req, host, port) passes the host as a string.
		const host = typeof options === 'string' ? options : opts.host;
		const port = typeof options === 'string' ? rest[0] : opts.port;
		const proceed = () => original.call(this, req, options, ...rest);
		if (opts.socketPath) return proceed(); // a Unix socket, not the network
		const protocol = req.protocol || this.protocol || 'http:';
		// A WebSocket handshake (the `ws` package) is an http request; decide it as the socket it is.
		const upgrade = /websocket/i.test(String(req.getHeader('upgrade')));
		const scheme = upgrade ? protocol.replace('http', 'ws') : protocol;
		const path = typeof req.path === 'string' && req.path.startsWith('/') ? req.path : '/';
		const url = state.hostUrl(scheme, host || 'localhost', port, path);
		// Headers given as an array are already written out (`_header`); the others are held.
		const held = typeof req.getHeaders === 'function' ? pairs(req.getHeaders()) : [];
		const headers = held.concat(pairs((req as { _header?: unknown })._header));
		const decision = state.check(url, req.method, headers);
		if (decision.allowed) {
			decided.set(req, { url, method: req.method });
			return state.approved(url, req.method, proceed);
		}
		const error = state.blocked(decision.reason);
		process.nextTick(() => req.emit('error', error));
	};
	const store = ClientRequest.prototype._storeHeader;
	if (typeof store !== 'function') return;
	ClientRequest.prototype._storeHeader = function (this: object, ...args: unknown[]) {
		const request = decided.get(this);
		if (request) {
			const decision = state.recheck(request.url, request.method, pairs(args[1]));
			if (!decision.allowed) throw state.blocked(decision.reason);
		}
		return (store as (...a: unknown[]) => unknown).apply(this, args);
	};
}

/**
 * Every TCP and TLS client connection (net.connect, net.createConnection, tls.connect, new
 * net.Socket().connect) goes through Socket.prototype.connect, so that is where raw sockets
 * are decided. A raw socket can send anything, so it is decided as method CONNECT: allowed
 * only with methods 'all' and an allowed host. A socket Node opens for a request the guard
 * already allowed (fetch, http) rides on that decision when it goes to the same host and
 * port; to another host (a redirect) it is decided with that request's method. Either way the
 * connection resolves its name through the guarded lookup (`lookupFor`), which checks the
 * address it will really reach; a caller's own `lookup` option is wrapped, never trusted.
 */
export function guardSockets(
	state: GuardState,
	Socket: SocketClass,
	lookupFor: (custom: unknown, to: LookupFor) => unknown
): void {
	const original = Socket.prototype.connect;
	Socket.prototype.connect = function connect(this: Connectable, ...args: unknown[]) {
		// net.connect passes its arguments already normalised, as [options, callback].
		const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : null;
		const first = list ? list[0] : args[0];
		let options: Record<string, unknown>;
		let rest: unknown[];
		if (typeof first === 'object' && first !== null) {
			options = first as Record<string, unknown>;
			rest = list ? list.slice(1) : args.slice(1);
		} else if (typeof first === 'string' && Number.isNaN(Number(first))) {
			return original.apply(this, args); // a pipe name
		} else {
			// connect(port, host?, callback?)
			options = { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
			rest = args.filter((arg) => typeof arg === 'function');
		}
		if (options.path) return original.apply(this, args); // a Unix socket or pipe
		const host = options.host || 'localhost';
		const scheme = this.encrypted ? 'https:' : 'http:';
		const url = state.hostUrl(scheme, host, options.port, '/');
		const approval = state.current();
		const method = approval ? approval.method : 'CONNECT';
		if (!approval || approval.endpoint !== state.endpoint(url)) {
			const decision = state.check(url, method);
			if (!decision.allowed) {
				process.nextTick(() => this.destroy(state.blocked(decision.reason)));
				return this;
			}
		}
		const lookup = lookupFor(options.lookup, { scheme, port: options.port, method });
		const guarded = { ...options, lookup };
		if (!list) return original.call(this, guarded, ...rest);
		// Keep the marker (a symbol) that tells connect its arguments are normalised.
		const copy = Object.assign([guarded, ...rest], {}) as unknown[] & Record<symbol, unknown>;
		const marked = list as unknown[] & Record<symbol, unknown>;
		for (const key of Object.getOwnPropertySymbols(list)) copy[key] = marked[key];
		return original.call(this, copy);
	};
}

/**
 * WebSocket. Reading globalThis.WebSocket loads undici, tens of milliseconds in every process,
 * so the real class is touched only when the policy allows some sockets and denies others.
 * When it denies them all (network off, or read-only) a stand-in throws the decision; when it
 * allows them all (every host, every method) the global is left alone, and each connection is
 * still decided and logged by the socket check. Denied sockets throw from the constructor,
 * before anything is sent: the socket check alone would fail them with an opaque error event.
 */
export function guardWebSocket(state: GuardState, scope: Scope): void {
	const { access, preset, methods } = state.policy;
	if (!('WebSocket' in scope) || (access === 'on' && methods === 'all' && preset === 'all')) return;
	const Original = access === 'on' && methods === 'all' ? scope.WebSocket : undefined;
	const Guarded = function WebSocket(...args: unknown[]): object {
		const target = new.target;
		if (!target) throw new TypeError("Class constructor WebSocket cannot be invoked without 'new'");
		const text = args[0] instanceof URL ? args[0].href : String(args[0]);
		let url = text;
		try {
			// The WebSocket constructor also takes http(s) URLs and upgrades them: decide the socket.
			const parsed = new URL(text);
			if (/^https?:$/.test(parsed.protocol))
				parsed.protocol = parsed.protocol.replace('http', 'ws');
			url = parsed.href;
		} catch {
			// Unparsable: the rules deny it as an invalid URL.
		}
		const decision = state.check(url, 'GET');
		if (!decision.allowed || !Original) throw state.blocked(decision.reason);
		return state.approved(url, 'GET', () => Reflect.construct(Original, args, target));
	};
	if (Original) {
		Guarded.prototype = Original.prototype;
		Object.setPrototypeOf(Guarded, Original);
	} else {
		Object.assign(Guarded, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
	}
	scope.WebSocket = Guarded as unknown as Scope['WebSocket'];
}
