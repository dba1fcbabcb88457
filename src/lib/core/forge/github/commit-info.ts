// The baseline commit's info from GitHub's REST answer (GET /repos/:o/:r/git/commits/:sha). GitHub
// gives each date in UTC ("2014-11-07T22:01:45Z"), but `git log` prints it in the author's own
// zone, which only the commit object holds. A signed commit's object comes back whole (less its
// signature) as verification.payload; for the others the object is rebuilt from the answer with
// each plausible offset until it hashes to the commit's id, so the zone is the commit's own.
import { sha1Hex } from '../../diff/sha1.ts';
import { commitInfoFromObject, isoDate, type CommitInfo } from '../../git/commit-info.ts';

/** The fields of GitHub's git commit answer used here. */
export type GitHubCommit = {
	sha: string;
	message: string;
	tree: { sha: string };
	parents: Array<{ sha: string }>;
	author: { name: string; email: string; date: string };
	committer: { name: string; email: string; date: string };
	verification?: { payload?: string | null } | null;
};

const encoder = new TextEncoder();

/** Every offset in use, in minutes east of UTC: whole and half hours, and the :45 zones. */
const OFFSETS: number[] = (() => {
	const out: number[] = [];
	for (let quarter = -12 * 4; quarter <= 14 * 4; quarter++) out.push(quarter * 15);
	// UTC first: most CI and many people commit in it; then the rest.
	return [0, ...out.filter((o) => o !== 0)];
})();

export function commitInfoFromGitHub(commit: GitHubCommit): CommitInfo {
	// A signed commit: its object less the signature header, as GitHub verified it.
	const payload = commit.verification?.payload;
	const signed = payload ? commitInfoFromObject(payload) : null;
	return signed ?? rebuilt(commit) ?? inUtc(commit);
}

/** A commit object's id (git's hash of `commit <size>\0<object>`). */
function objectId(text: string): string {
	const bytes = encoder.encode(text);
	return sha1Hex(encoder.encode(`commit ${bytes.length}\0`), bytes);
}

function gitZone(offset: number): string {
	const abs = Math.abs(offset);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * The commit object rebuilt with the author's and committer's offsets tried (the same zone for
 * both first, the usual case), and the message with and without a final newline; null when no
 * rebuild hashes to the id (extra headers such as `encoding` or a merge tag).
 */
function rebuilt(commit: GitHubCommit): CommitInfo | null {
	const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
	const authorAt = seconds(commit.author.date);
	const committerAt = seconds(commit.committer.date);
	if (Number.isNaN(authorAt) || Number.isNaN(committerAt)) return null;
	const head = [
		`tree ${commit.tree.sha}`,
		...commit.parents.map((parent) => `parent ${parent.sha}`)
	].join('\n');
	const who = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;
	const messages = commit.message.endsWith('\n')
		? [commit.message]
		: [`${commit.message}\n`, commit.message];
	const attempt = (authorOffset: number, committerOffset: number): CommitInfo | null => {
		for (const message of messages) {
			const text =
				`${head}\nauthor ${who(commit.author)} ${authorAt} ${gitZone(authorOffset)}\n` +
				`committer ${who(commit.committer)} ${committerAt} ${gitZone(committerOffset)}\n\n` +
				message;
			if (objectId(text) === commit.sha) return commitInfoFromObject(text);
		}
		return null;
	};
	for (const offset of OFFSETS) {
		const found = attempt(offset, offset);
		if (found) return found;
	}
	for (const authorOffset of OFFSETS)
		for (const committerOffset of OFFSETS) {
			if (authorOffset === committerOffset) continue;
			const found = attempt(authorOffset, committerOffset);
			if (found) return found;
		}
	return null;
}

/** The right instants, names and message, with the zone unknown: printed as UTC. */
function inUtc(commit: GitHubCommit): CommitInfo {
	const utc = (iso: string) => isoDate(Math.floor(Date.parse(iso) / 1000), 0);
	return {
		message: commit.message,
		author: `${commit.author.name} <${commit.author.email}>`,
		date: utc(commit.author.date),
		committer: `${commit.committer.name} <${commit.committer.email}>`,
		committerDate: utc(commit.committer.date)
	};
}
