// Gitea API v1 issues for the peer: `GET /repos/{owner}/{repo}/issues/{index}` and its
// `/comments`, from the issues a test seeded beside the repo (issue-file.ts). A token the peer
// does not know is refused, as by the rest of its API. Bodies `satisfies` IssueReply,
// CommentReply and ErrorReply (./shapes.ts, typed against gitea-js and forgejo-ts).
import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { readIssues } from '../issue-file.ts';
import type { GiteaState, Reply } from './routes.ts';
import type { CommentReply, ErrorReply, IssueReply, UserReply } from './shapes.ts';

const ISSUE =
	/^\/api\/v1\/repos\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/issues\/(\d+)(\/comments)?$/;

const fail = (status: number, message: string): Reply => ({
	status,
	json: { message } satisfies ErrorReply
});
const user = (login: string) => ({ id: 1, login, username: login }) satisfies UserReply;

/** The reply to an issue request, or null for any other path. */
export async function serveGiteaIssue(
	state: GiteaState,
	req: IncomingMessage,
	url: URL
): Promise<Reply | null> {
	const match = ISSUE.exec(url.pathname);
	if (!match || req.method !== 'GET') return null;
	const header = req.headers.authorization ?? '';
	const token = /^(?:token|Bearer)\s+(\S+)$/i.exec(header)?.[1];
	if (token && !state.tokens[token]) return fail(401, 'user does not exist');
	const [, owner, name, number, comments] = match;
	if (owner!.startsWith('.') || name!.startsWith('.')) return fail(404, 'not found');
	const gitDir = join(state.root, owner!, `${name}.git`);
	if (!(await stat(gitDir).catch(() => null))?.isDirectory())
		return fail(404, "The target couldn't be found.");
	const issue = (await readIssues(gitDir)).find((i) => i.number === Number(number));
	if (!issue) return fail(404, "The target couldn't be found.");
	if (comments)
		return {
			status: 200,
			json: issue.comments
				.filter((comment) => !comment.system)
				.map(
					(comment, index) =>
						({
							id: index + 1,
							body: comment.body,
							user: user(comment.author)
						}) satisfies CommentReply
				)
		};
	return {
		status: 200,
		json: {
			id: issue.number,
			number: issue.number,
			title: issue.title,
			body: issue.body,
			user: user(issue.author),
			state: 'open',
			html_url: `${state.url}/${owner}/${name}/issues/${issue.number}`,
			pull_request: null
		} satisfies IssueReply
	};
}
