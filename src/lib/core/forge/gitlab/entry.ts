// GitLab as the rest of Patchbay knows it before its code loads: where its API sits, the host
// known to run it, how the page words its merge request, and how its issues are addressed and
// read. One line of forge-for.ts's table names this; the forge itself (index.ts) and its issue
// reader (issue.ts) load on first use.
import type { ForgeEntry } from '../types.ts';

export const gitlab: ForgeEntry = {
	load: () => import('./index.ts').then((m) => m.createGitLabForge),
	name: 'GitLab',
	apiPath: '/api/v4',
	knownHosts: ['gitlab.com'],
	branchPage: ['-', 'tree'],
	settingsLabel: 'GitLab',
	request: { noun: 'merge request', button: 'Create merge request', numberPrefix: '!' },
	issues: {
		paths: ['-/issues', 'issues'],
		authScheme: 'Bearer',
		load: () => import('./issue.ts').then((m) => m.readGitLabIssue)
	}
};
