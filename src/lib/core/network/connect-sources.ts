// The page's runtime connect-src: its own origin and the endpoints the user configured. The
// static policy (tools/security-headers.js) stays the outer bound; this one, added at startup,
// narrows it, since a browser enforces every policy a page has.

export type ConfiguredEndpoints = {
	model: { baseURL: string };
	github: { apiBase: string };
	/** `hosts`: Settings' git hosts (see `forgeOrigins`). */
	git: { corsProxy: string; hosts?: { host: string; kind?: string }[] };
	/** Settings → Tools' MCP servers: called from the page (core/mcp). */
	tools?: { mcpServers?: { url: string }[] };
};

/**
 * The origins of Settings' git hosts: a forge's API there (GitLab, Gitea) is called from the
 * page. A bare host is https; a loopback one (tests, a local server) http too.
 */
function forgeOrigins(hosts: { host: string; kind?: string }[]): string[] {
	return hosts.flatMap((h) => {
		const host = h.host.trim().toLowerCase();
		if (!/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:]+\](:\d+)?$/.test(host)) return [];
		const local = /^(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(host);
		return local ? [`http://${host}`, `https://${host}`] : [`https://${host}`];
	});
}

/** The WebContainer runtime's own hosts (its boot and frame), always allowed. */
export const RUNTIME_SOURCES = [
	'https://stackblitz.com',
	'https://*.stackblitz.com',
	'https://*.webcontainer-api.io'
];

function originOf(url: string): string | null {
	try {
		const parsed = new URL(url.trim());
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
		return parsed.origin;
	} catch {
		return null;
	}
}

/** CSP source expressions for connect-src, in a stable order without repeats. */
export function connectSources(endpoints: ConfiguredEndpoints): string[] {
	const origins = [endpoints.model.baseURL, endpoints.github.apiBase, endpoints.git.corsProxy]
		.map(originOf)
		.filter((origin): origin is string => origin !== null)
		.concat(forgeOrigins(endpoints.git.hosts ?? []))
		.concat(
			(endpoints.tools?.mcpServers ?? [])
				.map((server) => originOf(server.url))
				.filter((origin): origin is string => origin !== null)
		);
	// github.com's raw content host, which checkouts read from (GitHub Enterprise serves /raw itself).
	if (origins.includes('https://api.github.com')) origins.push('https://raw.githubusercontent.com');
	return ["'self'", ...new Set(origins), ...RUNTIME_SOURCES];
}

/** The whole runtime policy, as a `<meta http-equiv="Content-Security-Policy">` holds it. */
export function connectPolicy(endpoints: ConfiguredEndpoints): string {
	return `connect-src ${connectSources(endpoints).join(' ')}`;
}
