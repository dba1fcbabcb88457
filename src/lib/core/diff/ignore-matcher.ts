import type { IgnoreRule } from './gitignore.ts';

export type IgnoreMatcher = {
	/** Adds the rules of `dir`/.gitignore ('' = the root). Add shallower directories first. */
	addLevel(dir: string, rules: IgnoreRule[]): void;
	isIgnored(path: string): boolean;
	isIgnoredDir(dir: string): boolean;
};

export type IgnoreMatcherOptions = {
	/** Directory names ignored wherever they occur, whatever the rules say (e.g. node_modules). */
	alwaysIgnoredDirs: string[];
	/** Root-level rules below every .gitignore in precedence, like .git/info/exclude. */
	fallback: IgnoreRule[];
};

/**
 * git's exclusion: the deepest .gitignore with a matching rule decides, within a file the
 * last matching rule wins, and nothing under an ignored directory can be re-included.
 */
export function createIgnoreMatcher(options: IgnoreMatcherOptions): IgnoreMatcher {
	const levels = new Map<string, IgnoreRule[]>();
	const alwaysIgnored = new Set(['.git', ...options.alwaysIgnoredDirs]);
	const dirCache = new Map<string, boolean>();

	const decide = (path: string, isDir: boolean): boolean => {
		let dir = parentOf(path);
		for (;;) {
			const rules = levels.get(dir);
			const relative = dir === '' ? path : path.slice(dir.length + 1);
			const verdict = rules && lastMatch(rules, relative, isDir);
			if (verdict !== undefined) return verdict;
			if (dir === '') return lastMatch(options.fallback, path, isDir) ?? false;
			dir = parentOf(dir);
		}
	};

	const isIgnoredDir = (dir: string): boolean => {
		let verdict = dirCache.get(dir);
		if (verdict === undefined) {
			const parent = parentOf(dir);
			verdict =
				alwaysIgnored.has(baseName(dir)) ||
				(parent !== '' && isIgnoredDir(parent)) ||
				decide(dir, true);
			dirCache.set(dir, verdict);
		}
		return verdict;
	};

	return {
		addLevel(dir, rules) {
			levels.set(dir, rules);
			// Verdicts for `dir` and above never depend on its own rules; deeper ones might.
			const below = dir === '' ? '' : `${dir}/`;
			for (const cached of dirCache.keys()) if (cached.startsWith(below)) dirCache.delete(cached);
		},
		isIgnored(path) {
			const parent = parentOf(path);
			if (baseName(path) === '.git') return true;
			return (parent !== '' && isIgnoredDir(parent)) || decide(path, false);
		},
		isIgnoredDir
	};
}

function lastMatch(rules: IgnoreRule[], relative: string, isDir: boolean): boolean | undefined {
	const base = baseName(relative);
	for (let i = rules.length - 1; i >= 0; i--) {
		const rule = rules[i]!;
		if (rule.dirOnly && !isDir) continue;
		if (rule.regex.test(rule.anchored ? relative : base)) return !rule.negate;
	}
	return undefined;
}

export function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}
