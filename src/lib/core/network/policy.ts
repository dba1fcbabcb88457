import { COMMON_DOMAINS } from './common-domains.ts';
import { isLocalHost } from './local-address.ts';
import { createNetworkRules, type Decision, type RequestHeaders } from './rules.ts';

export type NetworkPolicy = {
	access: 'off' | 'on';
	preset: 'none' | 'common' | 'all'; // 'common' = the common-dependencies domain list
	domains: string[]; // extra allowed domains
	methods: 'read' | 'all'; // 'read' = GET, HEAD, OPTIONS
};

export type { Decision, RequestHeaders };

const rules = createNetworkRules(COMMON_DOMAINS, isLocalHost);

/**
 * The single place a URL and method are allowed or not; `reason` names the rule that decided.
 * Give `headers` where a request carries them: a method-override header (X-HTTP-Method-Override
 * and its kin) is judged as the method it names, as `_method` in the query always is.
 */
export function decide(
	policy: NetworkPolicy,
	url: string,
	method?: string,
	headers?: RequestHeaders
): { allowed: boolean; reason: string } {
	return rules.decide(policy, url, method, headers);
}

/**
 * For a connection to `host` that `decide` allowed, the address it really reaches (as the
 * resolver returned it): local and private addresses only when the host or the address is
 * listed by name in the policy's domains.
 */
export function decideAddress(policy: NetworkPolicy, host: string, address: string): Decision {
	return rules.decideAddress(policy, host, address);
}

/** A domain entry as `decide` compares it (lowercase, punycode, no `*.`), or null if unusable. */
export function normaliseDomainEntry(entry: string): string | null {
	return rules.normaliseEntry(entry);
}

/** Checks stored or received data (an environment record, the guard's env) before trusting it. */
export function isNetworkPolicy(value: unknown): value is NetworkPolicy {
	return rules.isPolicy(value);
}

/** The agent phase runs offline unless the environment says otherwise. Copy before editing. */
export const defaultAgentPolicy: Readonly<NetworkPolicy> = Object.freeze({
	access: 'off',
	preset: 'none',
	domains: [],
	methods: 'read'
});

/**
 * Setup scripts install dependencies, so they get the internet (not the user's own machine or
 * network: see `setupPolicyFor`). Copy before editing.
 */
export const defaultSetupPolicy: Readonly<NetworkPolicy> = Object.freeze({
	access: 'on',
	preset: 'all',
	domains: [],
	methods: 'all'
});

/**
 * The setup phase's policy for an environment: the internet, plus the hosts its domain list
 * names — the way a user lets setup reach a local or private host (a registry on the LAN,
 * `localhost`), which 'all' alone never includes. The list counts whatever the agent's access.
 */
export function setupPolicyFor(agentPolicy: Pick<NetworkPolicy, 'domains'>): NetworkPolicy {
	return { ...defaultSetupPolicy, domains: [...agentPolicy.domains] };
}
