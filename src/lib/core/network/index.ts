export {
	decide,
	decideAddress,
	defaultAgentPolicy,
	defaultSetupPolicy,
	isNetworkPolicy,
	normaliseDomainEntry,
	setupPolicyFor,
	type Decision,
	type NetworkPolicy,
	type RequestHeaders
} from './policy.ts';
export { isLocalHost } from './local-address.ts';
export { COMMON_DOMAINS } from './common-domains.ts';
export { validateDomainEntries, type DomainEntryError } from './domain-entry.ts';
export {
	maskUrl,
	networkAuditEvent,
	parseNetworkLog,
	type NetworkAuditEvent,
	type NetworkPhase
} from './audit.ts';
export { GUARD_ENV, GUARD_GLOBAL_KEY, nodeGuardEnv, nodeGuardSource } from './node-guard.ts';
export {
	connectPolicy,
	connectSources,
	RUNTIME_SOURCES,
	type ConfiguredEndpoints
} from './connect-sources.ts';
