// "Run this task" from a share link: the environment the link describes, with the values only
// the person running it can give (env var values, setup secrets), and an existing environment
// of theirs reused when it is the same one.
import type { EnvironmentDraft } from '../environments/index.ts';
import { isLocalHost, normaliseDomainEntry } from '../network/index.ts';
import { suggestedName } from '../environments/index.ts';
import type { SharedTask } from '../share/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';

/** Values typed in for the names a link carries; a missing one is an empty string. */
export type SharedValues = {
	envVars: Record<string, string>;
	setupSecrets: Record<string, string>;
};

export function environmentFromShare(shared: SharedTask, values: SharedValues): EnvironmentDraft {
	const { environment } = shared;
	// Own values only: a name from the link such as `constructor` must not find Object's.
	const named = (names: string[], given: Record<string, string>) =>
		names.map((name) => ({ name, value: Object.hasOwn(given, name) ? (given[name] ?? '') : '' }));
	return {
		name: suggestedName(shared.repoUrl),
		repoUrl: shared.repoUrl,
		defaultBranch: shared.branch,
		setupScript: environment.setupScript,
		envVars: named(environment.envVarNames, values.envVars),
		setupSecrets: named(environment.setupSecretNames, values.setupSecrets),
		agentPolicy: { ...environment.network, domains: environment.network.domains.filter(notLocal) },
		runtime: environment.runtime
	};
}

/**
 * A link is not the user: the user's own machine and network (localhost, 192.168.x, *.local…)
 * are reachable only when the user lists them, so a link's entries for them are dropped.
 */
function notLocal(entry: string): boolean {
	const host = normaliseDomainEntry(entry);
	return host !== null && !isLocalHost(host);
}

/**
 * One of the user's environments that is the link's: same repository, setup script, runtime
 * and variable names. Its own values are then used, and nothing needs typing in.
 */
export function matchingEnvironment(
	shared: SharedTask,
	environments: readonly EnvironmentRecord[]
): EnvironmentRecord | undefined {
	const names = (list: readonly { name: string }[]) =>
		list
			.map((item) => item.name)
			.sort()
			.join('\n');
	const { environment } = shared;
	return environments.find(
		(candidate) =>
			sameRepo(candidate.repoUrl, shared.repoUrl) &&
			candidate.setupScript.trim() === environment.setupScript.trim() &&
			candidate.runtime === environment.runtime &&
			names(candidate.envVars) === [...environment.envVarNames].sort().join('\n') &&
			names(candidate.setupSecrets) === [...environment.setupSecretNames].sort().join('\n')
	);
}

function sameRepo(a: string, b: string): boolean {
	const norm = (url: string) =>
		url
			.trim()
			.toLowerCase()
			.replace(/\/+$/, '')
			.replace(/\.git$/, '');
	return norm(a) === norm(b);
}
