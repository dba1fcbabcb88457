// After a push to a git host that is not GitHub: where that host opens a pull (or merge)
// request from the pushed branch, for the hosts whose page for it is known.

export type MergeRequestLink = {
	/** The host's page for a new request from the branch, when known. */
	url: string | null;
	/** How that host calls it. */
	label: string;
};

const encodeBranch = (branch: string) => encodeURIComponent(branch);

/** `https://host/group/repo.git` → the new-request page for `branch` into `base`. */
export function mergeRequestLink(repoUrl: string, base: string, branch: string): MergeRequestLink {
	const url = new URL(repoUrl);
	const web = `${url.origin}${url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
	const host = url.hostname;
	if (host.includes('gitlab')) {
		const query = `merge_request[source_branch]=${encodeBranch(branch)}&merge_request[target_branch]=${encodeBranch(base)}`;
		return { url: `${web}/-/merge_requests/new?${query}`, label: 'merge request' };
	}
	if (host === 'bitbucket.org') {
		return {
			url: `${web}/pull-requests/new?source=${encodeBranch(branch)}&dest=${encodeBranch(base)}`,
			label: 'pull request'
		};
	}
	if (/codeberg|gitea|forgejo/.test(host)) {
		return {
			url: `${web}/compare/${encodeBranch(base)}...${encodeBranch(branch)}`,
			label: 'pull request'
		};
	}
	return { url: null, label: 'pull request' };
}
