// git pathspecs, the parts agents use: a file or a directory given relative to the working
// directory, globs (`*.ts`, where `*` also crosses `/` as in git), `:/path` from the root and
// exclusions (`:!path`, `:^path`, `:(exclude)path`).
import { resolveFromPrefix } from './repo-paths.ts';

export type Pathspec = {
	/** True when no pathspec was given: everything matches. */
	readonly all: boolean;
	matches(path: string): boolean;
};

export class PathspecError extends Error {}

type Item = { path: string; glob: RegExp | null };

export function parsePathspecs(args: readonly string[], prefix: string, root: string): Pathspec {
	const include: Item[] = [];
	const exclude: Item[] = [];
	for (const arg of args) {
		const { text, excluded, fromRoot } = magicOf(arg);
		const path = resolveFromPrefix(text, fromRoot ? '' : prefix);
		if (path === null) {
			throw new PathspecError(`${arg}: '${arg}' is outside repository at '${root}'`);
		}
		const item = { path, glob: /[*?[]/.test(path) ? globToRegExp(path) : null };
		(excluded ? exclude : include).push(item);
	}
	const everything = include.length === 0;
	return {
		all: everything && exclude.length === 0,
		matches: (path) =>
			(everything || include.some((item) => matchItem(item, path))) &&
			!exclude.some((item) => matchItem(item, path))
	};
}

function magicOf(arg: string): { text: string; excluded: boolean; fromRoot: boolean } {
	if (arg.startsWith(':(')) {
		const close = arg.indexOf(')');
		const words = arg.slice(2, close).split(',');
		return {
			text: arg.slice(close + 1),
			excluded: words.includes('exclude'),
			fromRoot: words.includes('top')
		};
	}
	const magic = /^:([!^/]*)/.exec(arg);
	if (!magic) return { text: arg, excluded: false, fromRoot: false };
	const signs = magic[1]!;
	return {
		text: arg.slice(magic[0].length),
		excluded: signs.includes('!') || signs.includes('^'),
		fromRoot: signs.includes('/')
	};
}

function matchItem(item: Item, path: string): boolean {
	if (item.glob) return item.glob.test(path);
	return item.path === '' || path === item.path || path.startsWith(`${item.path}/`);
}

/** fnmatch without FNM_PATHNAME, as git matches pathspecs: `*` and `?` cross `/`. */
function globToRegExp(glob: string): RegExp {
	let source = '';
	for (let i = 0; i < glob.length; i++) {
		const char = glob[i]!;
		if (char === '*') source += '.*';
		else if (char === '?') source += '.';
		else if (char === '[') {
			const close = glob.indexOf(']', i + 2);
			if (close < 0) source += '\\[';
			else {
				const body = glob
					.slice(i + 1, close)
					.replace(/^!/, '^')
					.replace(/\\/g, '\\\\');
				source += `[${body}]`;
				i = close;
			}
		} else source += char.replace(/[.+^${}()|\\/]/g, '\\$&');
	}
	// A glob also matches everything under a directory it names, like a literal pathspec.
	return new RegExp(`^${source}(?:/.*)?$`);
}
