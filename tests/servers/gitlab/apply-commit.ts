// POST /projects/:id/repository/commits: every action applied in order to a scratch index over
// the start commit's tree, then one commit and the branch moved (compare-and-swap), so the
// commit is all or nothing as GitLab's is. Errors use GitLab's own messages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, gitText } from '../github/git-cli.ts';
import { writeBlob } from '../github/git-objects.ts';
import { badRequest } from './errors.ts';

export type Action = {
	action: 'create' | 'update' | 'delete' | 'move' | 'chmod';
	file_path: string;
	previous_path?: string;
	content?: string;
	encoding?: 'text' | 'base64';
	execute_filemode?: boolean;
};

export type CommitRequest = {
	branch: string;
	commit_message: string;
	actions: Action[];
	start_sha?: string;
	start_branch?: string;
	author: { name: string; email: string };
};

type Entry = { mode: string; sha: string };

async function entryAt(gitDir: string, env: Record<string, string>, path: string) {
	const line = await gitText(gitDir, ['ls-files', '-s', '--', path], { env });
	const match = /^(\d+) ([0-9a-f]+) \d\t(.*)$/.exec(line.split('\n')[0] ?? '');
	return match && match[3] === path ? ({ mode: match[1]!, sha: match[2]! } as Entry) : null;
}

function bytesOf(action: Action): Buffer {
	if (action.content === undefined) throw badRequest(`content is missing for ${action.file_path}`);
	return action.encoding === 'base64'
		? Buffer.from(action.content, 'base64')
		: Buffer.from(action.content, 'utf8');
}

async function apply(gitDir: string, env: Record<string, string>, action: Action): Promise<void> {
	const path = action.file_path;
	if (!path || path.startsWith('/') || path.split('/').includes('..')) {
		throw badRequest(`file_path is invalid: ${path}`);
	}
	const put = (entry: Entry, at = path) =>
		git(gitDir, ['update-index', '--add', '--cacheinfo', `${entry.mode},${entry.sha},${at}`], {
			env
		});
	// Mode 0 removes the path: --force-remove would want a work tree, which a bare repo lacks.
	const remove = (at: string) =>
		git(gitDir, ['update-index', '--index-info'], { env, input: `0 ${'0'.repeat(40)}\t${at}\n` });
	const current = await entryAt(gitDir, env, path);
	switch (action.action) {
		case 'create':
			if (current) throw badRequest('A file with this name already exists');
			return void (await put({ mode: '100644', sha: await writeBlob(gitDir, bytesOf(action)) }));
		case 'update':
			if (!current) throw badRequest("A file with this name doesn't exist");
			return void (await put({
				mode: current.mode,
				sha: await writeBlob(gitDir, bytesOf(action))
			}));
		case 'delete':
			if (!current) throw badRequest("A file with this name doesn't exist");
			return void (await remove(path));
		case 'chmod':
			if (!current) throw badRequest("A file with this name doesn't exist");
			if (action.execute_filemode === undefined) throw badRequest('execute_filemode is missing');
			return void (await put({
				mode: action.execute_filemode ? '100755' : '100644',
				sha: current.sha
			}));
		case 'move': {
			const from = action.previous_path ? await entryAt(gitDir, env, action.previous_path) : null;
			if (!from) throw badRequest("A file with this name doesn't exist");
			if (current) throw badRequest('A file with this name already exists');
			await remove(action.previous_path!);
			const sha =
				action.content === undefined ? from.sha : await writeBlob(gitDir, bytesOf(action));
			return void (await put({ mode: from.mode, sha }));
		}
		default:
			throw badRequest(`actions[action] does not have a valid value`);
	}
}

/** Applies the request; resolves with the new commit's id. `parent` null starts from nothing. */
export async function applyCommit(
	gitDir: string,
	parent: string,
	request: CommitRequest
): Promise<string> {
	const scratch = await mkdtemp(join(tmpdir(), 'gitlab-peer-index-'));
	const env = { GIT_INDEX_FILE: join(scratch, 'index') };
	try {
		await git(gitDir, ['read-tree', parent], { env });
		if (!Array.isArray(request.actions) || request.actions.length === 0) {
			throw badRequest('actions is missing');
		}
		for (const action of request.actions) await apply(gitDir, env, action);
		const tree = await gitText(gitDir, ['write-tree'], { env });
		const { name, email } = request.author;
		return await gitText(
			gitDir,
			['commit-tree', tree, '-p', parent, '-m', request.commit_message],
			{
				env: {
					GIT_AUTHOR_NAME: name,
					GIT_AUTHOR_EMAIL: email,
					GIT_COMMITTER_NAME: name,
					GIT_COMMITTER_EMAIL: email
				}
			}
		);
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}
