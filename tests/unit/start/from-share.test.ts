import { describe, expect, it } from 'vitest';
import type { SharedTask } from '../../../src/lib/core/share/index.ts';
import { environmentFromShare, matchingEnvironment } from '../../../src/lib/core/start/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';

const shared: SharedTask = {
	title: 'Fix it',
	repoUrl: 'https://github.com/acme/app',
	branch: 'feature',
	mode: 'code',
	prompt: 'Fix it',
	followUps: [],
	environment: {
		setupScript: 'npm ci',
		envVarNames: ['API_URL', 'API_KEY'],
		setupSecretNames: ['NPM_TOKEN'],
		network: { access: 'on', preset: 'none', domains: ['example.com'], methods: 'read' },
		runtime: 'lite'
	}
};

const record = (overrides: Partial<EnvironmentRecord>): EnvironmentRecord => ({
	id: 'e',
	name: 'app',
	repoUrl: 'https://github.com/acme/app',
	defaultBranch: 'main',
	setupScript: 'npm ci\n',
	envVars: [
		{ name: 'API_KEY', value: 'mine' },
		{ name: 'API_URL', value: 'https://api' }
	],
	setupSecrets: [{ name: 'NPM_TOKEN', value: 'tok' }],
	agentPolicy: { access: 'off', preset: 'none', domains: [], methods: 'read' },
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1,
	...overrides
});

describe('environmentFromShare', () => {
	it('fills the names the link carries with the values typed in; missing ones are empty', () => {
		const draft = environmentFromShare(shared, {
			envVars: { API_KEY: 'k' },
			setupSecrets: { NPM_TOKEN: 's' }
		});
		expect(draft).toMatchObject({
			name: 'app',
			repoUrl: 'https://github.com/acme/app',
			defaultBranch: 'feature',
			setupScript: 'npm ci',
			runtime: 'lite',
			envVars: [
				{ name: 'API_URL', value: '' },
				{ name: 'API_KEY', value: 'k' }
			],
			setupSecrets: [{ name: 'NPM_TOKEN', value: 's' }],
			agentPolicy: shared.environment.network
		});
		expect(draft.agentPolicy.domains).not.toBe(shared.environment.network.domains);
	});

	it("drops a link's entries for the user's own machine and network: only the user lists them", () => {
		const domains = ['example.com', '127.0.0.1', 'localhost', '*.local', '192.168.1.20', '[::1]'];
		const network = { ...shared.environment.network, preset: 'all' as const, domains };
		const draft = environmentFromShare(
			{ ...shared, environment: { ...shared.environment, network } },
			{ envVars: {}, setupSecrets: {} }
		);
		expect(draft.agentPolicy).toEqual({ ...network, domains: ['example.com'] });
	});
});

describe('matchingEnvironment', () => {
	it('reuses the same repository, setup, runtime and variable names', () => {
		const same = record({ id: 'same', repoUrl: 'https://github.com/ACME/app.git/' });
		expect(matchingEnvironment(shared, [record({ id: 'x', setupScript: 'npm i' }), same])?.id).toBe(
			'same'
		);
	});

	it('does not reuse one that differs in any of them', () => {
		const others = [
			record({ repoUrl: 'https://github.com/acme/other' }),
			record({ runtime: 'auto' }),
			record({ envVars: [{ name: 'API_KEY', value: 'x' }] }),
			record({ setupSecrets: [] })
		];
		expect(matchingEnvironment(shared, others)).toBeUndefined();
	});
});
