/** One .gitignore line, compiled. */
export type IgnoreRule = {
	negate: boolean;
	/** A trailing '/': the rule matches directories only. */
	dirOnly: boolean;
	/** A '/' elsewhere: matched against the path relative to the .gitignore, else the basename. */
	anchored: boolean;
	regex: RegExp;
};

/** Parses a .gitignore (or info/exclude) the way git's dir.c does. */
export function parseGitignore(text: string): IgnoreRule[] {
	const rules: IgnoreRule[] = [];
	for (const rawLine of text.replace(/^\uFEFF/, '').split('\n')) {
		const line = trimTrailingSpaces(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
		if (line === '' || line.startsWith('#')) continue;
		const rule = parseRule(line);
		if (rule) rules.push(rule);
	}
	return rules;
}

function parseRule(line: string): IgnoreRule | null {
	const negate = line.startsWith('!');
	let pattern = negate ? line.slice(1) : line;
	const dirOnly = pattern.endsWith('/');
	if (dirOnly) pattern = pattern.slice(0, -1);
	if (pattern === '') return null;
	const anchored = pattern.includes('/');
	if (pattern.startsWith('/')) pattern = pattern.slice(1);
	return { negate, dirOnly, anchored, regex: new RegExp(`^${globToRegex(pattern)}$`, 's') };
}

/** Unescaped trailing spaces end a pattern; '\ ' keeps one. */
function trimTrailingSpaces(line: string): string {
	let end = line.length;
	while (end > 0 && line[end - 1] === ' ') {
		let backslashes = 0;
		while (end - 2 - backslashes >= 0 && line[end - 2 - backslashes] === '\\') backslashes++;
		if (backslashes % 2 === 1) break;
		end--;
	}
	return line.slice(0, end);
}

/** wildmatch with WM_PATHNAME: '*' and '?' stop at '/', '**' spans directories. */
export function globToRegex(pattern: string): string {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i]!;
		if (ch === '\\') {
			i++;
			out += i < pattern.length ? escapeRegex(pattern[i]!) : '\\\\';
		} else if (ch === '*') {
			let stars = 1;
			while (pattern[i + 1] === '*') {
				i++;
				stars++;
			}
			const atStart = i - stars < 0 || pattern[i - stars] === '/';
			const next = pattern[i + 1];
			if (stars >= 2 && atStart && next === '/') {
				out += '(?:.*/)?';
				i++;
			} else if (stars >= 2 && atStart && next === undefined) out += '.*';
			else out += '[^/]*';
		} else if (ch === '?') out += '[^/]';
		else if (ch === '[') {
			const bracket = bracketToRegex(pattern, i);
			out += bracket ? bracket.regex : '\\[';
			if (bracket) i = bracket.end;
		} else out += escapeRegex(ch);
	}
	return out;
}

const classes: Record<string, string> = {
	alnum: 'a-zA-Z0-9',
	alpha: 'a-zA-Z',
	blank: ' \\t',
	cntrl: '\\x00-\\x1f\\x7f',
	digit: '0-9',
	graph: '!-~',
	lower: 'a-z',
	print: ' -~',
	punct: '!-/:-@\\[-`{-~',
	space: ' \\t\\n\\r\\f\\v',
	upper: 'A-Z',
	xdigit: '0-9a-fA-F'
};

/** A bracket expression starting at `start`, or null when it never closes (then '[' is literal). */
function bracketToRegex(pattern: string, start: number): { regex: string; end: number } | null {
	let i = start + 1;
	const negate = pattern[i] === '!' || pattern[i] === '^';
	if (negate) i++;
	let body = '';
	for (let first = true; i < pattern.length; i++, first = false) {
		const ch = pattern[i]!;
		if (ch === ']' && !first) return { regex: `[${negate ? '^/' : ''}${body}]`, end: i };
		const named = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
		if (named && classes[named[1]!] !== undefined) {
			body += classes[named[1]!];
			i += named[0].length - 1;
		} else if (ch === '\\' && i + 1 < pattern.length) body += escapeClass(pattern[++i]!);
		else if (ch === '-' && body !== '' && pattern[i + 1] !== ']') body += '-';
		else body += escapeClass(ch);
	}
	return null;
}

function escapeRegex(ch: string): string {
	return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function escapeClass(ch: string): string {
	return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}
