// A token for one git host, saved from the place that found it missing (the composer's
// "this host asks for credentials"), the same way Settings → Git hosts saves one.
import type { GitSettings } from '../store/schema.ts';
import { hostKey } from './host-key.ts';

/**
 * The host a git repository URL's credential is saved for (`git.example.com:8443`; the scheme
 * may be left out, as in the composer), or null when there is none to read.
 */
export function gitHostOf(repoUrl: string): string | null {
	const text = repoUrl.trim();
	try {
		const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
		return url.username || url.password ? null : hostKey(url.host);
	} catch {
		return null;
	}
}

/** `git` with `token` for `host`: replacing that host's token, keeping its other choices. */
export function withHostToken(git: GitSettings, host: string, token: string): GitSettings {
	const key = hostKey(host);
	if (!key) throw new Error(`Not a host: ${host}`);
	const existing = git.hosts.find((h) => hostKey(h.host) === key);
	const entry = { host: key, username: '', proxyMayCarry: false, ...existing, token: token.trim() };
	return {
		...git,
		hosts: [...git.hosts.filter((h) => hostKey(h.host) !== key), entry]
	};
}
