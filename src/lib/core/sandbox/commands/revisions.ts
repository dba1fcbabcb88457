// Revisions: the sandbox holds one commit, the baseline. Every name for it resolves (HEAD, @,
// the branch, origin/<branch>, its id or an abbreviation); anything else, like HEAD~1, does not,
// and the error says why.
import type { Baseline } from '../../git/index.ts';
import { fail, type Outcome } from './types.ts';

export type Resolved = { kind: 'commit' | 'tree'; oid: string };

export function resolveRevision(rev: string, baseline: Baseline): Resolved | null {
	const peel = /^(.*?)(\^\{(commit|tree|)\}|~0|\^0)?$/.exec(rev)!;
	const name = peel[1]!;
	const wantsTree = peel[3] === 'tree';
	if (namesCommit(name, baseline)) {
		return wantsTree
			? { kind: 'tree', oid: baseline.tree }
			: { kind: 'commit', oid: baseline.commit };
	}
	if (/^[0-9a-f]{4,40}$/i.test(name) && baseline.tree.startsWith(name.toLowerCase())) {
		return { kind: 'tree', oid: baseline.tree };
	}
	return null;
}

function namesCommit(name: string, baseline: Baseline): boolean {
	if (/^[0-9a-f]{4,40}$/i.test(name)) return baseline.commit.startsWith(name.toLowerCase());
	const { branch } = baseline;
	const names = ['HEAD', '@', 'origin/HEAD', 'origin', 'FETCH_HEAD', 'ORIG_HEAD'];
	if (branch) {
		names.push(branch, `heads/${branch}`, `refs/heads/${branch}`, `origin/${branch}`);
		names.push(`remotes/origin/${branch}`, `refs/remotes/origin/${branch}`);
	}
	return names.includes(name);
}

/** `A..B` or `A...B` where both ends name the baseline (an empty end means HEAD). */
export function resolveRange(arg: string, baseline: Baseline): boolean {
	const match = /^(.*?)\.\.\.?(.*)$/.exec(arg);
	if (!match) return false;
	const ends = [match[1] || 'HEAD', match[2] || 'HEAD'];
	return ends.every((end) => resolveRevision(end, baseline)?.kind === 'commit');
}

/** git's error for an argument that is neither a revision nor a path, and what to do instead. */
export function unknownRevision(arg: string, baseline: Baseline): Outcome {
	return fail(
		[
			`fatal: ambiguous argument '${arg}': unknown revision or path not in the working tree.`,
			`Use '--' to separate paths from revisions, like this:`,
			`'git <command> [<revision>...] -- [<file>...]'`,
			historyNote(baseline)
		].join('\n'),
		128
	);
}

export function historyNote(baseline: Baseline): string {
	return (
		`note: this sandbox holds only the baseline commit ${baseline.commit.slice(0, 7)}` +
		` (HEAD${baseline.branch ? `, ${baseline.branch}` : ''}); earlier history is not available.`
	);
}
