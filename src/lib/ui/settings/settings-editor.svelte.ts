import {
	checkHostEntry,
	githubHosts,
	hostKey,
	isSecureForCredentials
} from '$lib/core/credentials';
import { checkHttpUrl } from '$lib/core/http';
import { sanitizeNamePart } from '$lib/core/mcp/tool-name';
import { defaultSettings, settingsRepo, type Settings } from '$lib/core/store';
import { appDb } from '../db';

export type SettingsErrors = Partial<
	Record<
		| 'modelBaseURL'
		| 'githubApiBase'
		| 'corsProxy'
		| 'gitHosts'
		| 'maxConcurrent'
		| 'snapshotMaxAge'
		| 'connectTimeout'
		| 'idleTimeout'
		| 'costs'
		| 'mcpServers',
		string
	>
>;

/** The settings form: a draft edited in place, saved to IndexedDB on request. */
export class SettingsEditor {
	draft = $state<Settings>(structuredClone(defaultSettings));
	saved = $state.raw<Settings | null>(null);
	status = $state<'loading' | 'ready' | 'saving'>('loading');
	errors = $derived(validate(this.draft));
	dirty = $derived(
		this.saved !== null && JSON.stringify(this.draft) !== JSON.stringify(this.saved)
	);

	async load(): Promise<void> {
		const settings = await settingsRepo(await appDb()).get();
		this.saved = settings;
		this.draft = structuredClone(settings);
		this.status = 'ready';
	}

	async save(): Promise<boolean> {
		if (Object.keys(this.errors).length > 0) return false;
		this.status = 'saving';
		const settings = normalise($state.snapshot(this.draft));
		await settingsRepo(await appDb()).save(settings);
		this.saved = settings;
		this.draft = structuredClone(settings);
		this.status = 'ready';
		return true;
	}
}

function normalise(settings: Settings): Settings {
	return {
		model: {
			...settings.model,
			baseURL: settings.model.baseURL.trim(),
			model: settings.model.model.trim()
		},
		github: {
			...settings.github,
			apiBase: settings.github.apiBase.trim(),
			token: settings.github.token.trim()
		},
		git: {
			corsProxy: settings.git.corsProxy.trim(),
			hosts: settings.git.hosts.map((h) => ({
				...h,
				host: hostKey(h.host) ?? h.host.trim(),
				username: h.username.trim(),
				token: h.token.trim()
			}))
		},
		storage: { ...settings.storage },
		costs: {
			prices: settings.costs.prices.map((price) => ({ ...price, model: price.model.trim() })),
			defaultBudget: settings.costs.defaultBudget
		},
		tools: {
			mcpServers: settings.tools.mcpServers.map((server) => ({
				name: server.name.trim(),
				url: server.url.trim()
			}))
		}
	};
}

function validate(settings: Settings): SettingsErrors {
	const errors: SettingsErrors = {};
	const modelBaseURL = checkHttpUrl(settings.model.baseURL, 'model base URL');
	if (modelBaseURL) errors.modelBaseURL = modelBaseURL;
	const githubApiBase = checkHttpUrl(settings.github.apiBase, 'GitHub API base URL');
	if (githubApiBase) errors.githubApiBase = githubApiBase;
	else if (settings.github.token.trim() && githubHosts(settings.github.apiBase.trim()).length === 0)
		errors.githubApiBase =
			'Use https:// — the token is never sent over plain http (but to localhost).';
	if (settings.git.corsProxy.trim()) {
		const corsProxy = checkHttpUrl(settings.git.corsProxy, 'CORS proxy URL');
		if (corsProxy) errors.corsProxy = corsProxy;
	}
	const gitHosts = checkGitHosts(settings.git.hosts);
	if (gitHosts) errors.gitHosts = gitHosts;
	const n = settings.model.maxConcurrentAttempts;
	if (!Number.isInteger(n) || n < 1 || n > 8)
		errors.maxConcurrent = 'Choose a whole number from 1 to 8.';
	const { connectTimeoutSeconds, idleTimeoutSeconds } = settings.model;
	if (!isTimeout(connectTimeoutSeconds)) errors.connectTimeout = timeoutHint;
	if (!isTimeout(idleTimeoutSeconds)) errors.idleTimeout = timeoutHint;
	const hours = settings.storage.snapshotMaxAgeHours;
	if (!(typeof hours === 'number' && hours > 0 && hours <= 24 * 30))
		errors.snapshotMaxAge = 'Choose a number of hours from 0.1 to 720.';
	const costs = checkCosts(settings.costs);
	if (costs) errors.costs = costs;
	const mcpServers = checkMcpServers(settings.tools.mcpServers, settings.git.hosts);
	if (mcpServers) errors.mcpServers = mcpServers;
	return errors;
}

/** The first problem in Settings → Costs: a price row or the default budget. */
function checkCosts(costs: Settings['costs']): string | null {
	const ids = costs.prices.map((price) => price.model.trim().toLowerCase());
	for (const [index, price] of costs.prices.entries()) {
		const id = ids[index]!;
		if (!id) return `Price ${index + 1}: enter the model id, or remove the row.`;
		if (ids.indexOf(id) !== index) return `${price.model.trim()} is listed twice; keep one price.`;
		const rates = [
			price.input,
			price.output,
			...(price.cachedInput === undefined ? [] : [price.cachedInput])
		];
		if (!rates.every((rate) => typeof rate === 'number' && Number.isFinite(rate) && rate >= 0))
			return `${price.model.trim()}: prices are dollars per million tokens, 0 or more.`;
	}
	const budget = costs.defaultBudget;
	if (budget && !(Number.isFinite(budget.limit) && budget.limit > 0))
		return 'The default budget must be more than 0, or choose no budget.';
	return null;
}

/** The first problem in Settings → Tools: a server without a name or URL, or a name used twice. */
function checkMcpServers(
	servers: Settings['tools']['mcpServers'],
	hosts: Settings['git']['hosts']
): string | null {
	const prefixes = servers.map((server) => sanitizeNamePart(server.name.trim()).slice(0, 24));
	for (const [index, server] of servers.entries()) {
		if (!server.name.trim())
			return `MCP server ${index + 1}: enter a name (it prefixes its tools).`;
		const url = checkHttpUrl(server.url, 'MCP server URL');
		if (url) return `MCP server ${server.name.trim()}: ${url}`;
		if (prefixes.indexOf(prefixes[index]!) !== index)
			return `Two MCP servers are named ${server.name.trim()}; give each its own name.`;
		const target = new URL(server.url.trim());
		const hasToken = hosts.some((h) => h.token.trim() && hostKey(h.host) === hostKey(target.host));
		if (hasToken && !isSecureForCredentials(target))
			return `MCP server ${server.name.trim()}: use https:// — its token is never sent over plain http (but to localhost).`;
	}
	return null;
}

const timeoutHint = 'Choose a whole number of seconds from 1 to 3600.';

function isTimeout(seconds: number): boolean {
	return Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600;
}

/** The first problem in Settings → Git hosts: a host that is not one, a repeat, a missing token. */
function checkGitHosts(hosts: Settings['git']['hosts']): string | null {
	const keys = hosts.map((entry) => hostKey(entry.host) ?? '');
	for (const [index, entry] of hosts.entries()) {
		const problem = checkHostEntry(entry.host);
		if (problem) return `Git host ${index + 1}: ${problem}`;
		const key = keys[index]!;
		if (keys.indexOf(key) !== index) return `${key} is listed twice; keep one token per host.`;
		if (!entry.token.trim()) return `Enter the token for ${key}, or remove that host.`;
	}
	return null;
}
