import type { GuardState } from './guard-state.ts';

// Embedded as source text in the Node guard (see node-guard.ts): refers only to its parameters
// and JavaScript/Node globals.

type LookupAddress = { address: string; family: number };
type LookupCallback = (
	error: Error | null,
	address?: string | LookupAddress[],
	family?: number
) => void;
export type Lookup = (hostname: string, options: unknown, callback: LookupCallback) => void;

/** Which connection a lookup serves, for the log line of a refusal. */
export type LookupFor = { scheme: string; port: unknown; method: string };

/**
 * Wraps the lookups sockets make, so the guard decides on the address a connection really
 * reaches, not only on the name it was given:
 *
 * - every address a lookup returns goes through `decideAddress` (a name allowed by the policy
 *   that resolves to a local or private address is refused unless listed by name);
 * - a caller's own `lookup` may return any address for any name; its answer must be one the
 *   system resolver gives for that name too — except under every host ('all'), where any
 *   public address is allowed anyway.
 *
 * `resolve` is dns.lookup as it was when the guard started, before program code could
 * replace it.
 */
export function createGuardedLookup(
	state: GuardState,
	resolve: Lookup
): (custom: unknown, to: LookupFor) => Lookup {
	return (custom, to) =>
		function lookup(hostname, options, callback) {
			const done = typeof options === 'function' ? (options as LookupCallback) : callback;
			const opts = typeof options === 'function' ? {} : options;
			const url = state.hostUrl(to.scheme, hostname, to.port, '/');
			const own = typeof custom === 'function' ? (custom as Lookup) : null;
			const verify = (addresses: string[], real: string[] | null): Error | null => {
				for (const address of addresses) {
					if (real && !real.includes(address)) {
						const reason = 'lookup returned an address ' + hostname + ' does not resolve to: ';
						return state.refuse(url, to.method, reason + address);
					}
					const decision = state.checkAddress(url, to.method, hostname, address);
					if (!decision.allowed) return state.blocked(decision.reason);
				}
				return null;
			};
			(own || resolve)(hostname, opts, (error, address, family) => {
				if (error) return done(error, address, family);
				const list = Array.isArray(address) ? address : [{ address: String(address), family }];
				const addresses = list.map((entry) => String(entry.address));
				const finish = (real: string[] | null) => {
					const refusal = verify(addresses, real);
					if (refusal) done(refusal);
					else done(null, address, family);
				};
				if (!own || state.policy.preset === 'all') return finish(null);
				resolve(hostname, { all: true }, (realError, real) => {
					if (realError || !Array.isArray(real)) return finish([]);
					finish(real.map((entry) => String(entry.address)));
				});
			});
		};
}
