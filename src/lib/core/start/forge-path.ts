// gitlab.com and codeberg.org addresses as people copy them, for start links
// (`<app>#/gitlab.com/group/sub/repo`): a project (subgroups included), a branch's page.
import { isBranchName } from './link-values.ts';

export type ForgeTarget = { repo: string; branch?: string };

/** The hosts a start link may name besides github.com, and where each puts a branch's page. */
const HOSTS: Record<string, { tree: string[] }> = {
	'gitlab.com': { tree: ['-', 'tree'] },
	'codeberg.org': { tree: ['src', 'branch'] }
};
const HOST = /^(?:https?:\/\/?)?(?:www\.)?(gitlab\.com|codeberg\.org)(?=[/?#]|$)/i;
const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The repository (`https://gitlab.com/group/sub/repo`) and branch a gitlab.com or codeberg.org
 * address names, or null. A GitLab path ends before its `/-/`; Codeberg's has two segments.
 */
export function parseForgeAddress(text: string): ForgeTarget | null {
	const host = HOST.exec(text);
	if (!host) return null;
	const name = host[1]!.toLowerCase();
	const parts = segments(text.slice(host[0].length).replace(/[?#].*$/s, ''));
	if (!parts) return null;
	const [first, second] = HOSTS[name]!.tree;
	const at = name === 'gitlab.com' ? parts.indexOf(first!) : parts.length > 2 ? 2 : -1;
	const repoParts = at < 0 ? parts : parts.slice(0, at);
	const rest = at < 0 ? [] : parts.slice(at);
	if (repoParts.length < 2 || (name === 'codeberg.org' && repoParts.length !== 2)) return null;
	repoParts[repoParts.length - 1] = repoParts.at(-1)!.replace(/\.git$/i, '');
	if (!repoParts.every((p) => SEGMENT.test(p) && !/^\.+$/.test(p))) return null;
	const target = { repo: `https://${name}/${repoParts.join('/')}` };
	if (rest[0] !== first || rest[1] !== second || rest.length < 3) return target;
	const branch = rest.slice(2).join('/');
	return isBranchName(branch) ? { ...target, branch } : null;
}

function segments(path: string): string[] | null {
	try {
		return path
			.split('/')
			.filter(Boolean)
			.map((part) => decodeURIComponent(part));
	} catch {
		return null;
	}
}
