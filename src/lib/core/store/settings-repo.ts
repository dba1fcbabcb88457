import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from '../model/deadline.ts';
import type { PatchbayDb } from './open-db.ts';
import type { Settings } from './schema.ts';

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
	git: { corsProxy: '' },
	storage: { snapshotMaxAgeHours: 12 }
};

/** The app's settings: one record, filled in with defaults for anything never saved. */
export function settingsRepo(db: PatchbayDb) {
	return {
		async get(): Promise<Settings> {
			const stored = await db.get('settings', 'app');
			return {
				model: { ...defaultSettings.model, ...stored?.model },
				github: { ...defaultSettings.github, ...stored?.github },
				git: { ...defaultSettings.git, ...stored?.git },
				storage: { ...defaultSettings.storage, ...stored?.storage }
			};
		},
		async save(settings: Settings): Promise<void> {
			await db.put('settings', { ...settings, id: 'app', updatedAt: Date.now() });
		}
	};
}
