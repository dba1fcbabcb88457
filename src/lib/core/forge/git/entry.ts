// Plain git (any smart-HTTP host) as the rest of Patchbay knows it: no API, so no request to
// open (the page pushes a branch and links to the host's own form), and Settings → Git hosts'
// default kind. One line of forge-for.ts's table names this; index.ts loads on first use.
import type { ForgeEntry } from '../types.ts';

export const git: ForgeEntry = {
	load: () => import('./index.ts').then((m) => m.createGitForge),
	name: 'git host',
	settingsLabel: 'Plain git (smart HTTP)'
};
