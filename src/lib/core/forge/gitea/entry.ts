// Gitea and Forgejo as the rest of Patchbay knows them before their code loads: the API path,
// the hosts known to run one (Codeberg), the owner/repo path shape, the pull request's words,
// and its issues' address and reader. One line of forge-for.ts's table names this; index.ts
// and issue.ts load on first use.
import type { ForgeEntry } from '../types.ts';

export const gitea: ForgeEntry = {
	load: () => import('./index.ts').then((m) => m.createGiteaForge),
	name: 'Gitea',
	apiPath: '/api/v1',
	knownHosts: ['codeberg.org', 'gitea.com'],
	pathSegments: 2,
	branchPage: ['src', 'branch'],
	settingsLabel: 'Gitea / Forgejo',
	request: { noun: 'pull request', button: 'Create PR', numberPrefix: '#' },
	issues: {
		paths: ['issues'],
		authScheme: 'token',
		load: () => import('./issue.ts').then((m) => m.readGiteaIssue)
	}
};
