// The types every part of the fake GitHub shares: who is asking, about which repo, and the reply.
import type { IssueStore } from './issue-store.ts';
import type { PullStore } from './pull-store.ts';

/** A token the server accepts. `scopes` defaults to ['repo'] (a classic token with full access). */
export type TokenInfo = { login: string; scopes?: string[]; readOnly?: boolean };

export type Viewer = { token: string; login: string; scopes: string[]; readOnly: boolean };

export type RepoOptions = {
	private?: boolean;
	archived?: boolean;
	protectedBranches?: string[];
	/** A recursive tree listing longer than this is cut and marked `truncated`, as GitHub does. */
	treeTruncateLimit?: number;
};

export type Repo = { owner: string; name: string; gitDir: string; options: RepoOptions };

export type ServerState = {
	root: string;
	tokens: Record<string, TokenInfo>;
	repoOptions: Map<string, RepoOptions>;
	pulls: PullStore;
	issues: IssueStore;
};

export type Reply = {
	status: number;
	json?: unknown;
	bytes?: Buffer;
	headers?: Record<string, string>;
};

export type Context = {
	/** The origin the client reached us at; every URL in a body is built on it. */
	base: string;
	/** The request path without the query, still percent-encoded. */
	pathname: string;
	query: URLSearchParams;
	params: Record<string, string>;
	viewer: Viewer | null;
	state: ServerState;
	body(): Promise<unknown>;
};

export type RepoContext = Context & { repo: Repo };
