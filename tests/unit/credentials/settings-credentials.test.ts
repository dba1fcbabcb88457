import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	credentialsOf,
	gitHostOf,
	withHostToken
} from '../../../src/lib/core/credentials/index.ts';
import {
	defaultSettings,
	newId,
	openPatchbayDb,
	settingsRepo,
	settingsSecrets,
	type Settings
} from '../../../src/lib/core/store/index.ts';

describe('Settings keep credentials per host', () => {
	it('reads a record saved before git hosts existed as having none, keeping the rest', async () => {
		const db = await openPatchbayDb({ name: `patchbay-test-${newId()}` });
		const old = {
			...defaultSettings,
			github: { token: 'ghp_old', apiBase: 'https://api.github.com' },
			git: { corsProxy: 'https://cors.example' }
		} as unknown as Settings;
		await db.put('settings', { ...old, id: 'app', updatedAt: 1 });
		const read = await settingsRepo(db).get();
		expect([read.github, read.git]).toEqual([
			{ token: 'ghp_old', apiBase: 'https://api.github.com' },
			{ corsProxy: 'https://cors.example', hosts: [] }
		]);
		db.close();
	});

	it('saves and reads git host tokens back', async () => {
		const db = await openPatchbayDb({ name: `patchbay-test-${newId()}` });
		const settings: Settings = {
			...defaultSettings,
			git: {
				corsProxy: '',
				hosts: [{ host: 'gitlab.example.com', username: '', token: 'glpat-1', proxyMayCarry: true }]
			}
		};
		await settingsRepo(db).save(settings);
		expect((await settingsRepo(db).get()).git).toEqual(settings.git);
		db.close();
	});

	it('lists every key and token for the maskers, git host tokens included', () => {
		const settings: Settings = {
			...defaultSettings,
			model: { ...defaultSettings.model, apiKey: 'sk-model' },
			github: { token: 'ghp_gh', apiBase: 'https://api.github.com' },
			git: {
				corsProxy: '',
				hosts: [
					{ host: 'a.example', username: '', token: 'tok-a', proxyMayCarry: false },
					{ host: 'b.example', username: 'me', token: 'tok-b', proxyMayCarry: true }
				]
			}
		};
		expect(settingsSecrets(settings)).toEqual(['sk-model', 'ghp_gh', 'tok-a', 'tok-b']);
		expect(credentialsOf(settings)).toEqual({
			github: settings.github,
			gitHosts: settings.git.hosts
		});
	});
});

describe('a token typed where a host asked for one', () => {
	it('reads the host from the repository URL, with or without its scheme', () => {
		expect([
			gitHostOf('https://Git.Example.com:8443/g/p.git'),
			gitHostOf('git.example.com/g/p'),
			gitHostOf('http://127.0.0.1:9999/o/r.git'),
			gitHostOf('https://u:p@git.example.com/g/p.git'),
			gitHostOf('not a url')
		]).toEqual(['git.example.com:8443', 'git.example.com', '127.0.0.1:9999', null, null]);
	});

	it('adds the host, or replaces its token keeping the other choices', () => {
		const git = {
			corsProxy: 'https://cors.example',
			hosts: [
				{ host: 'a.example', username: 'me', token: 'old', proxyMayCarry: true },
				{ host: 'b.example', username: '', token: 'b', proxyMayCarry: false }
			]
		};
		expect(withHostToken(git, 'A.example', ' new ')).toEqual({
			corsProxy: 'https://cors.example',
			hosts: [
				{ host: 'b.example', username: '', token: 'b', proxyMayCarry: false },
				{ host: 'a.example', username: 'me', token: 'new', proxyMayCarry: true }
			]
		});
		expect(withHostToken(git, 'c.example:8443', 'c').hosts.at(-1)).toEqual({
			host: 'c.example:8443',
			username: '',
			token: 'c',
			proxyMayCarry: false
		});
	});
});
