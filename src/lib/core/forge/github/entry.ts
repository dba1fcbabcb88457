// GitHub as the rest of Patchbay knows it before its code loads. It has no API path by host and
// no row in Settings → Git hosts: a repository is GitHub's when its reference says so (Settings'
// GitHub API base, Enterprise included). One line of forge-for.ts's table names this.
import type { ForgeEntry } from '../types.ts';

export const github: ForgeEntry = {
	load: () => import('./index.ts').then((m) => m.createGitHubForge),
	name: 'GitHub',
	request: { noun: 'pull request', button: 'Create PR', numberPrefix: '#' }
};
