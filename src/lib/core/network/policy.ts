import { COMMON_DOMAINS } from './common-domains.ts';
import { createNetworkRules, type Decision } from './rules.ts';

export type NetworkPolicy = {
	access: 'off' | 'on';
	preset: 'none' | 'common' | 'all'; // 'common' = the common-dependencies domain list
	domains: string[]; // extra allowed domains
	methods: 'read' | 'all'; // 'read' = GET, HEAD, OPTIONS
};

export type { Decision };

const rules = createNetworkRules(COMMON_DOMAINS);

/** The single place a URL and method are allowed or not; `reason` names the rule that decided. */
export function decide(
	policy: NetworkPolicy,
	url: string,
	method?: string
): { allowed: boolean; reason: string } {
	return rules.decide(policy, url, method);
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

/** Setup scripts install dependencies, so they get the open network. Copy before editing. */
export const defaultSetupPolicy: Readonly<NetworkPolicy> = Object.freeze({
	access: 'on',
	preset: 'all',
	domains: [],
	methods: 'all'
});
