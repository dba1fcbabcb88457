// The API surface: every route the fake GitHub answers, and the access each one needs.
import { repoRoute, type Route } from './router.ts';
import { getContents, getRaw } from './routes-contents.ts';
import { getBlob, getCommit, getTree } from './routes-objects-read.ts';
import { postGraphql } from './routes-graphql.ts';
import { createBlob, createCommit, createTree } from './routes-objects-write.ts';
import { createIssueComment, getIssue, listIssueComments, listIssues } from './routes-issues.ts';
import { createPull, getPull, updatePull, listPulls } from './routes-pulls.ts';
import { createRef, deleteRef, getRef, listMatchingRefs, updateRef } from './routes-refs.ts';
import { getRepository, getUser, listBranches } from './routes-repo.ts';
import { getBranch } from './routes-branch.ts';

const gitData = { needsCommits: true };

export const routes: Route[] = [
	{ method: 'GET', pattern: /^\/user$/, access: 'user', handle: getUser },
	{ method: 'POST', pattern: /^\/graphql$/, access: 'user', handle: postGraphql },
	repoRoute('GET', '', 'read', getRepository),
	repoRoute('GET', '/branches', 'read', listBranches),
	repoRoute('GET', '/branches/(?<branch>.+)', 'read', getBranch, gitData),
	repoRoute('GET', '/git/ref/(?<ref>.+)', 'read', getRef, gitData),
	repoRoute('GET', '/git/matching-refs/(?<ref>.*)', 'read', listMatchingRefs),
	repoRoute('GET', '/git/trees/(?<sha>[^/]+)', 'read', getTree, gitData),
	repoRoute('GET', '/git/blobs/(?<sha>[^/]+)', 'read', getBlob, gitData),
	repoRoute('GET', '/git/commits/(?<sha>[^/]+)', 'read', getCommit, gitData),
	repoRoute('GET', '/contents(?:/(?<path>.*))?', 'read', getContents),
	repoRoute('POST', '/git/blobs', 'write', createBlob, gitData),
	repoRoute('POST', '/git/trees', 'write', createTree, gitData),
	repoRoute('POST', '/git/commits', 'write', createCommit, gitData),
	repoRoute('POST', '/git/refs', 'write', createRef, gitData),
	repoRoute('PATCH', '/git/refs/(?<ref>.+)', 'write', updateRef, gitData),
	repoRoute('DELETE', '/git/refs/(?<ref>.+)', 'write', deleteRef, gitData),
	repoRoute('POST', '/pulls', 'write', createPull),
	repoRoute('GET', '/pulls', 'read', listPulls),
	repoRoute('GET', '/pulls/(?<number>\\d+)', 'read', getPull),
	repoRoute('PATCH', '/pulls/(?<number>\\d+)', 'write', updatePull),
	repoRoute('GET', '/issues', 'read', listIssues),
	repoRoute('GET', '/issues/(?<number>\\d+)', 'read', getIssue),
	repoRoute('GET', '/issues/(?<number>\\d+)/comments', 'read', listIssueComments),
	repoRoute('POST', '/issues/(?<number>\\d+)/comments', 'write', createIssueComment),
	repoRoute('GET', '/(?<rest>.+)', 'read', getRaw, { prefix: '/raw', plainErrors: true })
];
