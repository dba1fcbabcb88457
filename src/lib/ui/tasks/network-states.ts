// Which network policy an attempt's sandbox is under: setup needs the network (installs), the
// agent phase switches to the environment's policy. Kept per attempt, so a follow-up stays in
// the agent phase its first run reached. Read per request by the sandbox's network.
import { defaultSetupPolicy, type NetworkPolicy } from '$lib/core/network';
import type { NetworkState } from '$lib/core/sandbox';

const states = new Map<string, NetworkState>();

export type AttemptNetwork = {
	/** The state in force now (read by every request the sandbox makes). */
	current(): NetworkState;
	/** Setup is over: the agent policy applies from here on. */
	enterAgentPhase(policy: NetworkPolicy): void;
};

/** `setupPolicy`: `setupPolicyFor(environment.agentPolicy)`, so setup reaches the local hosts listed. */
export function attemptNetwork(
	attemptId: string,
	setupPolicy: NetworkPolicy = defaultSetupPolicy
): AttemptNetwork {
	const current = () => states.get(attemptId) ?? { policy: setupPolicy, phase: 'setup' };
	return {
		current,
		enterAgentPhase: (policy) => void states.set(attemptId, { policy, phase: 'agent' })
	};
}
