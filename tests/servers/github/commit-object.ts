// Commit objects both ways: parse what `git cat-file` prints, and write one with
// `git commit-tree` from the identities and ISO dates the REST API takes.
import { git, gitText } from './git-cli.ts';

export type Identity = { name: string; email: string; date: string };
export type CommitObject = {
	sha: string;
	tree: string;
	parents: string[];
	author: Identity;
	committer: Identity;
	message: string;
};

const signatureLine = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/;

function parseIdentity(value: string): Identity {
	const match = signatureLine.exec(value);
	if (!match) return { name: value, email: '', date: new Date(0).toISOString() };
	const [, name = '', email = '', seconds = '0'] = match;
	// GitHub reports commit dates in UTC without fractions: 2014-11-07T22:01:45Z.
	const date = new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
	return { name, email, date };
}

export async function readCommit(gitDir: string, sha: string): Promise<CommitObject> {
	const raw = (await git(gitDir, ['cat-file', 'commit', sha])).toString('utf8');
	const split = raw.indexOf('\n\n');
	const headers = split >= 0 ? raw.slice(0, split) : raw;
	const message = split >= 0 ? raw.slice(split + 2) : '';
	const commit: CommitObject = {
		sha,
		tree: '',
		parents: [],
		author: parseIdentity(''),
		committer: parseIdentity(''),
		message
	};
	for (const line of headers.split('\n')) {
		const space = line.indexOf(' ');
		const key = line.slice(0, space);
		const value = line.slice(space + 1);
		if (key === 'tree') commit.tree = value;
		else if (key === 'parent') commit.parents.push(value);
		else if (key === 'author') commit.author = parseIdentity(value);
		else if (key === 'committer') commit.committer = parseIdentity(value);
	}
	return commit;
}

const isoOffset = /(Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 → git's `<seconds> <+hhmm>`, keeping the offset the client gave; null if unparseable. */
export function gitDate(iso: string): string | null {
	const millis = Date.parse(iso);
	if (Number.isNaN(millis)) return null;
	const offset = isoOffset.exec(iso)?.[1] ?? 'Z';
	const zone = offset === 'Z' ? '+0000' : offset.replace(':', '');
	return `${Math.floor(millis / 1000)} ${zone}`;
}

export type NewCommit = {
	tree: string;
	parents: string[];
	message: string;
	author: { name: string; email: string; date: string };
	committer: { name: string; email: string; date: string };
};

/** Writes the commit; dates are git dates (see gitDate). */
export async function writeCommit(gitDir: string, commit: NewCommit): Promise<string> {
	const args = ['commit-tree', '--no-gpg-sign', commit.tree];
	for (const parent of commit.parents) args.push('-p', parent);
	return gitText(gitDir, args, {
		input: commit.message,
		env: {
			GIT_AUTHOR_NAME: commit.author.name,
			GIT_AUTHOR_EMAIL: commit.author.email,
			GIT_AUTHOR_DATE: commit.author.date,
			GIT_COMMITTER_NAME: commit.committer.name,
			GIT_COMMITTER_EMAIL: commit.committer.email,
			GIT_COMMITTER_DATE: commit.committer.date
		}
	});
}
