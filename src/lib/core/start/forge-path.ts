// gitlab.com, codeberg.org and gitea.com addresses as people copy them, for start links
// (`<app>#/gitlab.com/group/sub/repo`): a project (subgroups included), a branch's page.
import { decodedSegments, isBranchName } from './link-values.ts';

export type ForgeTarget = { repo: string; branch?: string };

/**
 * The hosts a start link may name besides github.com, and where each puts a branch's page:
 * GitLab's project paths nest (subgroups) and end before `/-/`; Gitea's (Codeberg is one) have
 * two segments.
 */
const HOSTS: Record<string, { nested: boolean; tree: [string, string] }> = {
	'gitlab.com': { nested: true, tree: ['-', 'tree'] },
	'codeberg.org': { nested: false, tree: ['src', 'branch'] },
	'gitea.com': { nested: false, tree: ['src', 'branch'] }
};
const HOST = /^(?:https?:\/\/?)?(?:www\.)?(gitlab\.com|codeberg\.org|gitea\.com)(?=[/?#]|$)/i;
const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The repository (`https://gitlab.com/group/sub/repo`) and branch such an address names, or null.
 */
export function parseForgeAddress(text: string): ForgeTarget | null {
	const host = HOST.exec(text);
	if (!host) return null;
	const name = host[1]!.toLowerCase();
	const parts = decodedSegments(text.slice(host[0].length).replace(/[?#].*$/s, ''));
	if (!parts) return null;
	const { nested, tree } = HOSTS[name]!;
	const [first, second] = tree;
	const at = nested ? parts.indexOf(first) : parts.length > 2 ? 2 : -1;
	const repoParts = at < 0 ? parts : parts.slice(0, at);
	const rest = at < 0 ? [] : parts.slice(at);
	if (repoParts.length < 2 || (!nested && repoParts.length !== 2)) return null;
	repoParts[repoParts.length - 1] = repoParts.at(-1)!.replace(/\.git$/i, '');
	if (!repoParts.every((p) => SEGMENT.test(p) && !/^\.+$/.test(p))) return null;
	const target = { repo: `https://${name}/${repoParts.join('/')}` };
	if (rest[0] !== first || rest[1] !== second || rest.length < 3) return target;
	const branch = rest.slice(2).join('/');
	return isBranchName(branch) ? { ...target, branch } : null;
}
