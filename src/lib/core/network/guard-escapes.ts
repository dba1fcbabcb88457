import type { LookupFor } from './guard-lookup.ts';
import type { GuardState } from './guard-state.ts';

// The ways around the socket-level guard that Node offers from inside a process. Each function
// is embedded as source text in the Node guard (see node-guard.ts), so each refers only to its
// parameters and JavaScript/Node globals.

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type ProcessLike = { binding?: Fn; execArgv: string[]; env: Record<string, string | undefined> };

/**
 * process.binding hands out Node's native handles: a TCP or UDP handle connects with no socket
 * code in the way, and a process handle spawns children with whatever environment it is given.
 * None of them has a use in a sandboxed program that the public modules do not serve, so they
 * are refused in every policy ('all' included: a raw handle would reach local addresses).
 * `--expose-internals` opens the same handles through `internalBinding`; a process started
 * with it stops here, before any of its own code runs.
 */
export function guardBindings(state: GuardState, proc: ProcessLike): void {
	const raw = [
		'tcp_wrap',
		'udp_wrap',
		'pipe_wrap',
		'tls_wrap',
		'stream_wrap',
		'js_stream',
		'cares_wrap',
		'process_wrap',
		'spawn_sync'
	];
	if ((proc.execArgv || []).some((flag) => /^--expose[-_]internals$/.test(flag))) {
		throw state.refuse('node:internals', 'BINDING', '--expose-internals not allowed');
	}
	const original = proc.binding;
	if (typeof original !== 'function') return;
	proc.binding = function binding(this: unknown, ...args: unknown[]) {
		const name = String(args[0]);
		if (raw.includes(name)) {
			throw state.refuse('node:' + name, 'BINDING', 'raw binding ' + name + ' not allowed');
		}
		return original.apply(this, args);
	};
}

/**
 * A child process inherits the guard through NODE_OPTIONS, which a program can leave out of
 * the environment it passes (`env: {}`, `NODE_OPTIONS: ''`) or delete from process.env first.
 * Every way child_process starts a process is wrapped to hand the child `state.childEnv(…)`:
 * the guard preloaded first and this process's policy, log and phase, whatever it was given.
 */
export function guardChildProcesses(state: GuardState, cp: Record<string, unknown>): void {
	/** Where the options argument sits: after the command, or after the argument list. */
	const commandFirst = ['exec', 'execSync'];
	const fileFirst = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork'];
	function withEnv(name: string, args: unknown[]): unknown[] {
		const copy = args.slice();
		const second = copy[1];
		const at = commandFirst.includes(name) || !(Array.isArray(second) || second == null) ? 1 : 2;
		const given = copy[at];
		if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
			const options = given as { env?: Record<string, string | undefined> };
			copy[at] = { ...options, env: state.childEnv(options.env) };
		} else if (typeof given === 'function') {
			copy.splice(at, 0, { env: state.childEnv() }); // a callback where options may sit
		} else {
			copy[at] = { env: state.childEnv() };
		}
		return copy;
	}
	for (const name of [...commandFirst, ...fileFirst]) {
		const original = cp[name];
		if (typeof original !== 'function') continue;
		cp[name] = function (this: unknown, ...args: unknown[]) {
			return (original as Fn).apply(this, withEnv(name, args));
		};
	}
	// The class under spawn/exec/fork, also public: its spawn takes the environment as pairs.
	const proto = (cp.ChildProcess as { prototype?: { spawn?: Fn } } | undefined)?.prototype;
	const spawn = proto && proto.spawn;
	if (!proto || typeof spawn !== 'function') return;
	proto.spawn = function (this: unknown, ...args: unknown[]) {
		const options = args[0];
		if (typeof options !== 'object' || options === null) return spawn.apply(this, args);
		const pairs = (options as { envPairs?: unknown }).envPairs;
		let env: Record<string, string> | undefined;
		if (Array.isArray(pairs)) {
			env = {};
			for (const pair of pairs) {
				const text = String(pair);
				const at = text.indexOf('=');
				if (at > 0) env[text.slice(0, at)] = text.slice(at + 1);
			}
		}
		const envPairs = Object.entries(state.childEnv(env)).map(([k, v]) => k + '=' + v);
		return spawn.call(this, { ...options, envPairs }, ...args.slice(1));
	};
}

/**
 * A worker thread runs the guard only if it is preloaded there (`execArgv: []` drops it) and
 * reads the policy from its own environment (`env` sets it): both are put back.
 */
export function guardWorkers(state: GuardState, threads: Record<string, unknown>): void {
	const Original = threads.Worker as (new (...args: unknown[]) => object) | undefined;
	if (typeof Original !== 'function') return;
	const Worker = function Worker(this: unknown, ...args: unknown[]): object {
		const target = new.target;
		if (!target) throw new TypeError("Class constructor Worker cannot be invoked without 'new'");
		const given = args[1];
		const options = { ...(typeof given === 'object' && given !== null ? given : {}) } as {
			env?: unknown;
			execArgv?: unknown;
		};
		if (options.env === threads.SHARE_ENV) {
			// Shared with this process: put this process's own values back into it.
			Object.assign(process.env, state.childEnv(process.env as Record<string, string>));
		} else {
			options.env = state.childEnv(options.env as Record<string, string> | undefined);
		}
		if (Array.isArray(options.execArgv) && state.guardPath) {
			options.execArgv = ['--require', state.guardPath, ...options.execArgv];
		}
		return Reflect.construct(Original, [args[0], options, ...args.slice(2)], target);
	};
	Worker.prototype = Original.prototype;
	Object.setPrototypeOf(Worker, Original);
	threads.Worker = Worker;
}

type DgramModule = { createSocket: Fn; Socket: new (...args: unknown[]) => object };

/**
 * UDP can carry anything anywhere, and has no method to judge: it is refused unless the policy
 * allows every host and every method. There every address a datagram goes to is resolved
 * through the guarded lookup (dgram looks up IP literals too), so local and private addresses
 * stay refused unless listed by name. The same lookup resolves the address a socket binds to
 * (0.0.0.0 or ::, by default), which is left alone (`resolve`, dns.lookup); a datagram sent to
 * one of those addresses (it reaches this machine) is decided before it is sent.
 */
export function guardDgram(
	state: GuardState,
	dgram: DgramModule,
	lookupFor: (custom: unknown, to: LookupFor) => unknown,
	resolve: Fn
): void {
	const { access, preset, methods } = state.policy;
	const open = access === 'on' && preset === 'all' && methods === 'all';
	const to = { scheme: 'udp:', port: '', method: 'SEND' };
	const unspecified = (value: unknown) =>
		typeof value === 'string' &&
		(/^0+(?:\.0+){0,3}$/.test(value) || (value.includes(':') && /^\[?[0:]+\]?$/.test(value)));
	function options(type: unknown): Record<string, unknown> {
		const given = typeof type === 'object' && type !== null ? { ...type } : { type };
		const custom = (given as { lookup?: unknown }).lookup;
		const checked = lookupFor(custom, to);
		// Without a guarded lookup (it could not be installed) nothing could be checked: closed.
		if (!open || typeof checked !== 'function') {
			const reason = 'UDP not allowed (only with every host and every method)';
			throw state.refuse('udp:', 'SEND', reason);
		}
		const plain = typeof custom === 'function' ? (custom as Fn) : resolve;
		function lookup(this: unknown, ...args: unknown[]) {
			return (unspecified(args[0]) ? plain : (checked as Fn)).apply(this, args);
		}
		return { ...given, lookup };
	}
	const createSocket = dgram.createSocket;
	const Original = dgram.Socket;
	dgram.createSocket = function (this: unknown, type: unknown, ...rest: unknown[]) {
		return createSocket.call(this, options(type), ...rest);
	};
	const Socket = function Socket(this: unknown, type: unknown, ...rest: unknown[]): object {
		return Reflect.construct(Original, [options(type), ...rest], new.target || Socket);
	};
	Socket.prototype = Original.prototype;
	Object.setPrototypeOf(Socket, Original);
	dgram.Socket = Socket as unknown as DgramModule['Socket'];
	const proto = Original.prototype as Record<string, unknown>;
	for (const name of ['send', 'connect']) {
		const original = proto[name];
		if (typeof original !== 'function') continue;
		proto[name] = function (this: unknown, ...args: unknown[]) {
			const address = args.find(unspecified) as string | undefined;
			if (address !== undefined) {
				const url = state.hostUrl('udp:', address, '', '/');
				const decision = state.checkAddress(url, 'SEND', address, address);
				if (!decision.allowed) throw state.blocked(decision.reason);
			}
			return (original as Fn).apply(this, args);
		};
	}
}
