import { DEFAULT_PRICES } from '../cost/default-prices.ts';
import { namedHostKind } from '../forge/forge-for.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from '../model/deadline.ts';
import type { PatchbayDb } from './open-db.ts';
import type { GitHostCredential, McpServerSettings, Settings } from './schema.ts';

export const defaultSettings: Settings = {
	model: {
		baseURL: 'https://api.openai.com/v1',
		apiKey: '',
		model: '',
		maxConcurrentAttempts: 2,
		connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_MS / 1000,
		idleTimeoutSeconds: DEFAULT_IDLE_TIMEOUT_MS / 1000
	},
	github: { token: '', apiBase: 'https://api.github.com' },
	git: { corsProxy: '', hosts: [] },
	storage: { snapshotMaxAgeHours: 12 },
	costs: { prices: DEFAULT_PRICES.map((price) => ({ ...price })), defaultBudget: null },
	tools: { mcpServers: [] }
};

/** The app's settings: one record, filled in with defaults for anything never saved. */
export function settingsRepo(db: PatchbayDb) {
	return {
		async get(): Promise<Settings> {
			const stored = await db.get('settings', 'app');
			return {
				model: { ...defaultSettings.model, ...stored?.model },
				github: { ...defaultSettings.github, ...stored?.github },
				// Records from before per-host credentials have no `hosts`: they read as none.
				git: { ...defaultSettings.git, ...stored?.git, hosts: readHosts(stored?.git?.hosts) },
				storage: { ...defaultSettings.storage, ...stored?.storage },
				costs: { ...defaultSettings.costs, ...stored?.costs },
				tools: { mcpServers: readMcpServers(stored?.tools?.mcpServers) }
			};
		},
		async save(settings: Settings): Promise<void> {
			await db.put('settings', { ...settings, id: 'app', updatedAt: Date.now() });
		}
	};
}

function readHosts(hosts: unknown): GitHostCredential[] {
	if (!Array.isArray(hosts)) return [];
	return hosts
		.filter((h): h is Partial<GitHostCredential> => typeof h === 'object' && h !== null)
		.map((h) => {
			// Only a kind core/forge lets Settings name (a forge served by host) is kept.
			const kind = namedHostKind(h.kind);
			return {
				host: String(h.host ?? ''),
				username: String(h.username ?? ''),
				token: String(h.token ?? ''),
				proxyMayCarry: h.proxyMayCarry === true,
				...(kind ? { kind } : {})
			};
		});
}

function readMcpServers(servers: unknown): McpServerSettings[] {
	if (!Array.isArray(servers)) return [];
	return servers
		.filter((s): s is Partial<McpServerSettings> => typeof s === 'object' && s !== null)
		.map((s) => ({ name: String(s.name ?? ''), url: String(s.url ?? '') }));
}
