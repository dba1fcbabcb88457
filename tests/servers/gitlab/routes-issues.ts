// GitLab API v4 issues for the peer: `GET /projects/:id/issues/:iid` and its `/notes`, from the
// issues a test seeded beside the repo (issue-file.ts). Reading follows the project's rules
// (context.ts): anyone for a public project, a token with read_api or api for a private one.
// Bodies `satisfies` IssueReply and NoteReply (./shapes.ts, typed against @gitbeaker/core).
import type { IncomingMessage } from 'node:http';
import { readIssues } from '../issue-file.ts';
import { assertCanRead, identify } from './context.ts';
import { GitLabError, notFound } from './errors.ts';
import type { Reply } from './routes-repository.ts';
import type { AuthorReply, IssueReply, NoteReply } from './shapes.ts';
import { findProject, type GitLabState } from './state.ts';

const ISSUE = /^\/api\/v4\/projects\/([^/]+)\/issues\/(\d+)(\/notes)?$/;

const user = (username: string) =>
	({ id: 1, username, name: username, state: 'active' }) satisfies AuthorReply;

/** The reply to an issue request, or null for any other path. */
export async function serveGitLabIssue(
	state: GitLabState,
	req: IncomingMessage,
	url: URL
): Promise<Reply | null> {
	const match = ISSUE.exec(url.pathname);
	if (!match || req.method !== 'GET') return null;
	try {
		const id = decodeURIComponent(match[1]!);
		const byId = [...state.ids].find(([, n]) => String(n) === id)?.[0];
		const project = await findProject(state, byId ?? id);
		if (!project) throw notFound('404 Project Not Found');
		const viewer = identify(state, req.headers);
		await assertCanRead({ state, viewer, query: url.searchParams, body: {}, project });
		const issue = (await readIssues(project.gitDir)).find((i) => i.number === Number(match[2]));
		if (!issue) throw notFound('404 Not found');
		if (match[3]) {
			const notes = issue.comments.map(
				(comment, index) =>
					({
						id: index + 1,
						body: comment.body,
						author: user(comment.author),
						system: comment.system ?? false,
						noteable_type: 'Issue'
					}) satisfies NoteReply
			);
			return {
				status: 200,
				json: url.searchParams.get('sort') === 'desc' ? notes.reverse() : notes
			};
		}
		return {
			status: 200,
			json: {
				id: project.id * 1000 + issue.number,
				iid: issue.number,
				project_id: project.id,
				title: issue.title,
				description: issue.body,
				state: 'opened',
				author: user(issue.author),
				web_url: `${state.url}/${project.path}/-/issues/${issue.number}`
			} satisfies IssueReply
		};
	} catch (error) {
		if (error instanceof GitLabError) return { status: error.status, json: error.body };
		throw error;
	}
}
