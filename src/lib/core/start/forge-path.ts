// Addresses on the hosts known to run a forge other than GitHub (gitlab.com, codeberg.org,
// gitea.com — from core/forge's table) as people copy them, for start links
// (`<app>#/gitlab.com/group/sub/repo`): a project (subgroups included), a branch's page.
import { knownForgeHosts } from '../forge/forge-for.ts';
import { decodedSegments, isBranchName } from './link-values.ts';

export type ForgeTarget = { repo: string; branch?: string };

const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;
const HOST = /^(?:https?:\/\/?)?(?:www\.)?([a-z0-9.-]+)(?=[/?#]|$)/i;

/**
 * The repository (`https://gitlab.com/group/sub/repo`) and branch such an address names, or
 * null. A repository's path has the forge's number of segments (Gitea: owner/repo), or, where
 * paths nest (GitLab's subgroups), ends before the forge's branch-page segments (`-/tree`).
 */
export function parseForgeAddress(text: string): ForgeTarget | null {
	const host = HOST.exec(text);
	const name = host?.[1]!.toLowerCase();
	const forge = knownForgeHosts().find((known) => known.host === name);
	if (!host || !forge) return null;
	const parts = decodedSegments(text.slice(host[0].length).replace(/[?#].*$/s, ''));
	if (!parts) return null;
	const { pathSegments, branchPage } = forge;
	const at = pathSegments
		? parts.length > pathSegments
			? pathSegments
			: -1
		: branchPage
			? parts.indexOf(branchPage[0])
			: -1;
	const repoParts = at < 0 ? parts : parts.slice(0, at);
	const rest = at < 0 ? [] : parts.slice(at);
	if (repoParts.length < 2 || (pathSegments && repoParts.length !== pathSegments)) return null;
	repoParts[repoParts.length - 1] = repoParts.at(-1)!.replace(/\.git$/i, '');
	if (!repoParts.every((p) => SEGMENT.test(p) && !/^\.+$/.test(p))) return null;
	const target = { repo: `https://${name}/${repoParts.join('/')}` };
	if (!branchPage || rest[0] !== branchPage[0] || rest[1] !== branchPage[1] || rest.length < 3) {
		return target;
	}
	const branch = rest.slice(2).join('/');
	return isBranchName(branch) ? { ...target, branch } : null;
}
