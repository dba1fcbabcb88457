// What a host is, for deciding whose credential a URL gets: the URL parser's own `host`
// (lower case, IDN in punycode, default port dropped), so a typed entry and a request URL
// compare as the browser would connect.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for the hosts tests run on, where plain http may carry a credential. */
export function isLoopback(hostname: string): boolean {
	return LOOPBACK.has(hostname);
}

/** https, or http on localhost only: a credential never crosses the network in clear text. */
export function isSecureForCredentials(url: URL): boolean {
	return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/**
 * A host as typed in Settings (`git.example.com`, `Git.Example.com:8443`, `https://host/`,
 * `bücher.example`) → its key (`git.example.com`, `git.example.com:8443`, `host`,
 * `xn--bcher-kva.example`), or null with nothing usable. A trailing dot is dropped from what was
 * typed; a request URL with one does not match (the browser treats it as another origin).
 */
export function hostKey(input: string): string | null {
	const text = input.trim();
	if (!text) return null;
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	if (url.username || url.password || url.search || url.hash) return null;
	if (url.pathname !== '/' && url.pathname !== '') return null;
	const hostname = url.hostname.replace(/\.$/, '');
	if (!hostname) return null;
	return url.port ? `${hostname}:${url.port}` : hostname;
}

/** Why a typed host cannot be used, or null when it can (for the Settings form). */
export function checkHostEntry(input: string): string | null {
	if (!input.trim()) return 'Enter the host, e.g. git.example.com.';
	return hostKey(input)
		? null
		: 'Enter only the host name (and a port if it has one), e.g. git.example.com or git.example.com:8443.';
}
