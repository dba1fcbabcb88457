// The baseline commit as `git log`/`git show` print it: medium (the default), short, oneline,
// and `--format` placeholders. Without commit metadata only the ids are known.
import { formatGitDate, parseGitDate, type DateStyle, type GitDate } from './git-date.ts';
import type { GitContext } from './types.ts';

export type Pretty =
	| { kind: 'medium' | 'short' | 'oneline' }
	/** `terminator`: tformat (a newline after each commit) rather than format (between). */
	| { kind: 'format'; template: string; terminator: boolean };

type CommitView = {
	sha: string;
	tree: string;
	branch: string;
	/** The message without trailing blank lines; '' when unknown. */
	message: string;
	name: string;
	email: string;
	date: GitDate | null;
};

export function commitView(repo: GitContext['repo']): CommitView {
	const info = repo.commitInfo;
	const author = /^(.*?)\s*<([^>]*)>\s*$/.exec(info?.author ?? '');
	return {
		sha: repo.baseline.commit,
		tree: repo.baseline.tree,
		branch: repo.baseline.branch,
		message: (info?.message ?? '').replace(/\s+$/, ''),
		name: author ? author[1]! : (info?.author ?? ''),
		email: author ? author[2]! : '',
		date: info?.date ? parseGitDate(info.date) : null
	};
}

export type FormatOptions = { pretty: Pretty; date: DateStyle; decorate: boolean };

export function formatCommit(view: CommitView, options: FormatOptions): string {
	const { pretty } = options;
	const decoration = options.decorate ? ` (${refNames(view)})` : '';
	switch (pretty.kind) {
		case 'oneline':
			return `${view.sha.slice(0, 7)}${decoration} ${subjectOf(view.message)}\n`;
		case 'format': {
			const text = expand(pretty.template, view, options.date);
			return pretty.terminator ? `${text}\n` : text;
		}
		default: {
			const lines = [`commit ${view.sha}${decoration}`];
			if (view.name || view.email) lines.push(`Author: ${view.name} <${view.email}>`);
			if (pretty.kind === 'medium' && view.date) {
				lines.push(`Date:   ${formatGitDate(view.date, options.date)}`);
			}
			// The short format stops at the first blank line, after the subject.
			const message = pretty.kind === 'short' ? view.message.split(/\n\s*\n/)[0]! : view.message;
			if (message) lines.push('', ...message.split('\n').map((line) => `    ${line}`));
			return `${lines.join('\n')}\n`;
		}
	}
}

function refNames(view: CommitView): string {
	return view.branch ? `HEAD -> ${view.branch}` : 'HEAD';
}

/** The first paragraph, its lines joined by spaces. */
function subjectOf(message: string): string {
	return message
		.split(/\n\s*\n/)[0]!
		.split('\n')
		.join(' ')
		.trim();
}

function bodyOf(message: string): string {
	const at = message.search(/\n\s*\n/);
	if (at < 0) return '';
	return `${message.slice(at).replace(/^\s+/, '')}\n`;
}

function expand(template: string, view: CommitView, style: DateStyle): string {
	const date = (s: DateStyle) => (view.date ? formatGitDate(view.date, s) : '');
	const fields: Record<string, () => string> = {
		H: () => view.sha,
		h: () => view.sha.slice(0, 7),
		T: () => view.tree,
		t: () => view.tree.slice(0, 7),
		P: () => '',
		p: () => '',
		s: () => subjectOf(view.message),
		b: () => bodyOf(view.message),
		B: () => (view.message ? `${view.message}\n` : ''),
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
		cn: () => view.name,
		ce: () => view.email,
		cd: () => date(style),
		cI: () => date('iso-strict'),
		ci: () => date('iso'),
		ct: () => date('unix'),
		cs: () => date('short')
	};
	// Committer fields repeat the author's: the checkout does not record a separate committer.
	return template.replace(/%(a[neditIs]|c[neditIs]|[HhTtPpsbBnDd%])/g, (all, key: string) =>
		fields[key] ? fields[key]() : all
	);
}
