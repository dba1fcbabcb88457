import type { Settings } from './schema.ts';

/**
 * Every key and token Settings holds: what must never leave the browser in a link, a log, a
 * commit, a branch name or a pull request. Maskers take this list (and the environment's own
 * secret values); it grows with every credential Settings learns to keep.
 */
export function settingsSecrets(settings: Settings): string[] {
	return [
		settings.model.apiKey,
		settings.github.token,
		...(settings.git.hosts ?? []).map((host) => host.token)
	].filter((value) => value.length > 0);
}
