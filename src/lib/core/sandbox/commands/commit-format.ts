// The baseline commit as `git log`/`git show` print it: medium (the default), short, oneline,
// and `--format` placeholders. Without commit metadata only the ids are known.
import { formatGitDate, parseGitDate, type DateStyle, type GitDate } from './git-date.ts';
import { abbrevFor } from './abbrev.ts';
import type { GitContext } from './types.ts';

export type Pretty =
	| { kind: 'medium' | 'short' | 'full' | 'fuller' | 'oneline' }
	/** `terminator`: tformat (a newline after each commit) rather than format (between). */
	| { kind: 'format'; template: string; terminator: boolean };

type CommitView = {
	sha: string;
	tree: string;
	/** The ids as git abbreviates them in this repository. */
	shortSha: string;
	shortTree: string;
	branch: string;
	/** The message exactly as the commit stores it (CRLF and trailing lines kept); '' when unknown. */
	message: string;
	name: string;
	email: string;
	date: GitDate | null;
	committerName: string;
	committerEmail: string;
	committerDate: GitDate | null;
};

/** `Name <email>` split as git's split_ident_line reads it; a bare name has no email. */
function person(ident: string | undefined): { name: string; email: string } {
	const match = /^(.*?)\s*<([^>]*)>\s*$/.exec(ident ?? '');
	return match ? { name: match[1]!, email: match[2]! } : { name: ident ?? '', email: '' };
}

export function commitView(repo: GitContext['repo']): CommitView {
	const info = repo.commitInfo;
	const author = person(info?.author);
	// A checkout that knows only the author: the committer is taken to be the same.
	const committer = info?.committer ? person(info.committer) : author;
	const date = info?.date ? parseGitDate(info.date) : null;
	const abbrev = abbrevFor(repo.baseline);
	return {
		sha: repo.baseline.commit,
		tree: repo.baseline.tree,
		shortSha: abbrev.short(repo.baseline.commit),
		shortTree: abbrev.short(repo.baseline.tree),
		branch: repo.baseline.branch,
		message: info?.message ?? '',
		name: author.name,
		email: author.email,
		date,
		committerName: committer.name,
		committerEmail: committer.email,
		committerDate: info?.committerDate ? parseGitDate(info.committerDate) : date
	};
}

export type FormatOptions = { pretty: Pretty; date: DateStyle; decorate: boolean };

export function formatCommit(view: CommitView, options: FormatOptions): string {
	const { pretty } = options;
	const decoration = options.decorate ? ` (${refNames(view)})` : '';
	switch (pretty.kind) {
		case 'oneline':
			return `${view.shortSha}${decoration} ${subjectOf(view.message)}\n`;
		case 'format': {
			const text = expand(pretty.template, view, options.date);
			return pretty.terminator ? `${text}\n` : text;
		}
		default: {
			const lines = [`commit ${view.sha}${decoration}`, ...people(view, pretty.kind, options)];
			const message = messageLines(view.message, pretty.kind === 'short');
			if (message.length) lines.push('', ...message.map((line) => `    ${line}`));
			return `${lines.join('\n')}\n`;
		}
	}
}

/** The header lines under `commit` (pretty.c's pp_header): who, and when for medium and fuller. */
function people(view: CommitView, kind: string, options: FormatOptions): string[] {
	if (!view.name && !view.email) return [];
	const author = `${view.name} <${view.email}>`;
	const committer = `${view.committerName} <${view.committerEmail}>`;
	const when = (date: GitDate | null) => (date ? formatGitDate(date, options.date) : '');
	switch (kind) {
		case 'medium':
			return view.date
				? [`Author: ${author}`, `Date:   ${when(view.date)}`]
				: [`Author: ${author}`];
		case 'full':
			return [`Author: ${author}`, `Commit: ${committer}`];
		case 'fuller':
			return [
				`Author:     ${author}`,
				`AuthorDate: ${when(view.date)}`,
				`Commit:     ${committer}`,
				`CommitDate: ${when(view.committerDate)}`
			];
		default:
			return [`Author: ${author}`];
	}
}

function refNames(view: CommitView): string {
	return view.branch ? `HEAD -> ${view.branch}` : 'HEAD';
}

/** Lines with trailing whitespace (a CR too) cut, as git's is_blank_line measures them. */
function trimmedLines(message: string): string[] {
	const lines = message.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines.map((line) => line.replace(/[ \t\r\v\f]+$/, ''));
}

/** The first paragraph's lines (leading blank lines skipped) and the index after it. */
function subjectParagraph(lines: string[]): { subject: string[]; next: number } {
	let i = 0;
	while (i < lines.length && lines[i] === '') i++;
	const start = i;
	while (i < lines.length && lines[i] !== '') i++;
	return { subject: lines.slice(start, i), next: i };
}

/** medium/short (pretty.c's pp_remainder): no leading or trailing blank lines, each line
 * right-trimmed; short keeps the first paragraph only. */
function messageLines(message: string, short: boolean): string[] {
	const lines = trimmedLines(message);
	const { subject, next } = subjectParagraph(lines);
	if (short) return subject;
	const rest = lines.slice(next);
	while (rest.length && rest[rest.length - 1] === '') rest.pop();
	return rest.length ? [...subject, ...rest] : subject;
}

/** %s: the first paragraph, its lines joined by spaces. */
function subjectOf(message: string): string {
	return subjectParagraph(trimmedLines(message)).subject.join(' ');
}

/** %b: what follows the first paragraph and the blank lines after it, as stored. */
function bodyOf(message: string): string {
	const raw = message.split('\n');
	const lines = trimmedLines(message);
	let { next } = subjectParagraph(lines);
	while (next < lines.length && lines[next] === '') next++;
	return next >= lines.length ? '' : raw.slice(next).join('\n');
}

function expand(template: string, view: CommitView, style: DateStyle): string {
	const date = (s: DateStyle) => (view.date ? formatGitDate(view.date, s) : '');
	const cdate = (s: DateStyle) => (view.committerDate ? formatGitDate(view.committerDate, s) : '');
	const fields: Record<string, () => string> = {
		H: () => view.sha,
		h: () => view.shortSha,
		T: () => view.tree,
		t: () => view.shortTree,
		P: () => '',
		p: () => '',
		s: () => subjectOf(view.message),
		b: () => bodyOf(view.message),
		B: () => view.message,
		n: () => '\n',
		'%': () => '%',
		d: () => ` (${refNames(view)})`,
		D: () => refNames(view),
		an: () => view.name,
		ae: () => view.email,
		ad: () => date(style),
		aI: () => date('iso-strict'),
		ai: () => date('iso'),
		at: () => date('unix'),
		as: () => date('short'),
		cn: () => view.committerName,
		ce: () => view.committerEmail,
		cd: () => cdate(style),
		cI: () => cdate('iso-strict'),
		ci: () => cdate('iso'),
		ct: () => cdate('unix'),
		cs: () => cdate('short')
	};
	return template.replace(/%(a[neditIs]|c[neditIs]|[HhTtPpsbBnDd%])/g, (all, key: string) =>
		fields[key] ? fields[key]() : all
	);
}
