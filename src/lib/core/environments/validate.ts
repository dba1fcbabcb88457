// The module itself, not the core/git barrel (isomorphic-git): this is on the first page.
import { parseRepoInput } from '../git/repo-ref.ts';
import { AppError } from '../http/index.ts';
import { validateDomainEntries } from '../network/index.ts';
import type { EnvVar } from '../store/index.ts';
import type { EnvironmentDraft } from './draft.ts';

export type EnvironmentField =
	'name' | 'repoUrl' | 'defaultBranch' | 'envVars' | 'setupSecrets' | 'domains';
export type EnvironmentErrors = Partial<Record<EnvironmentField, string>>;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkVars(vars: EnvVar[], what: string): string | undefined {
	const seen = new Set<string>();
	for (const [index, v] of vars.entries()) {
		if (!ENV_NAME.test(v.name)) {
			return `${what} ${index + 1}: "${v.name}" is not a valid variable name (letters, digits and _, not starting with a digit).`;
		}
		if (seen.has(v.name)) return `${what}: ${v.name} is set twice.`;
		seen.add(v.name);
	}
	return undefined;
}

/** Every problem with a draft, keyed by the field it belongs to. `domainsText` is the raw field. */
export function validateEnvironment(
	draft: EnvironmentDraft,
	githubApiBase: string,
	domainsText?: string
): EnvironmentErrors {
	const errors: EnvironmentErrors = {};
	if (!draft.name.trim()) errors.name = 'Give the environment a name.';
	try {
		parseRepoInput(draft.repoUrl, githubApiBase);
	} catch (error) {
		errors.repoUrl = error instanceof AppError ? error.message : String(error);
	}
	if (!draft.defaultBranch.trim()) errors.defaultBranch = 'Choose a branch.';
	const envVars = checkVars(draft.envVars, 'Variable');
	if (envVars) errors.envVars = envVars;
	const secrets = checkVars(draft.setupSecrets, 'Secret');
	if (secrets) errors.setupSecrets = secrets;
	const clash = draft.setupSecrets.find((s) => draft.envVars.some((v) => v.name === s.name));
	if (!errors.setupSecrets && clash)
		errors.setupSecrets = `${clash.name} is both a variable and a secret.`;
	if (domainsText !== undefined) {
		const result = validateDomainEntries(domainsText);
		const first = result.errors[0];
		if (first) errors.domains = `Line ${first.line} (${first.entry}): ${first.message}`;
	}
	return errors;
}
