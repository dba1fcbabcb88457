// The baseline commit's info from GitLab's commit entity (the branch answer carries it whole).
// Unlike GitHub's, it needs no rebuilding: `authored_date`/`committed_date` keep each person's
// own offset (`2012-09-20T09:06:12.000+03:00`), `message` is the message as stored (a final
// newline kept, or its lack), and the names and emails are the commit's, unmapped.
import { isoDate, type CommitInfo } from '../../git/commit-info.ts';
import type { GitLabBranchCommit } from './project-api.ts';

/** `…T09:06:12.000+03:00` → `…T09:06:12+03:00` (the offset kept; `Z` as `+00:00`). */
export function gitLabDate(value: string): string | null {
	const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)$/.exec(value);
	if (match) {
		const zone = match[2]!;
		return `${match[1]}${zone === 'Z' ? '+00:00' : `${zone.slice(0, 3)}:${zone.slice(-2)}`}`;
	}
	// Another spelling (a host's own): the instant is right, the zone unknown, so UTC.
	const millis = Date.parse(value);
	return Number.isNaN(millis) ? null : isoDate(Math.floor(millis / 1000), 0);
}

/** The commit's info, or undefined where the host left out a person or a date. */
export function commitInfoFromGitLab(commit: GitLabBranchCommit): CommitInfo | undefined {
	const { author_name, author_email, authored_date, committer_name, committer_email } = commit;
	const date = authored_date === undefined ? null : gitLabDate(authored_date);
	const committed = commit.committed_date === undefined ? null : gitLabDate(commit.committed_date);
	if (author_name === undefined || author_email === undefined || !date) return undefined;
	if (committer_name === undefined || committer_email === undefined || !committed) return undefined;
	return {
		message: commit.message,
		author: `${author_name} <${author_email}>`,
		date,
		committer: `${committer_name} <${committer_email}>`,
		committerDate: committed
	};
}
