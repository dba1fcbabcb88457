// .gitattributes as git's attr.c reads and matches them (gitattributes(5)): per attribute the
// last matching line of the deepest file wins, patterns are relative to the file's folder, a
// pattern without '/' matches the basename, `!attr` makes an attribute unspecified so shallower
// lines cannot set it, and a macro (`binary`, or `[attr]name …` in the root file) expands where
// it is set. git reads attributes for checking files in from the working tree, and from the
// index where the working tree has no .gitattributes in that folder.
import { globToRegex } from './gitignore.ts';

/** true = set (`attr`), false = unset (`-attr`), a string = `attr=value`, null = unspecified (`!attr`). */
export type AttrValue = boolean | string | null;

type AttrState = { name: string; value: AttrValue };

type AttrRule = {
	/** Matched against the path relative to the file's folder, or the basename (`nodir`). */
	regex: RegExp;
	nodir: boolean;
	/** A trailing '/': matches directories only, so never a file. */
	dirOnly: boolean;
	states: AttrState[];
};

export type AttributesFile = {
	rules: AttrRule[];
	/** `[attr]name …` lines (honoured only in the root file, as git does). */
	macros: Map<string, AttrState[]>;
};

const BLANK = ' \t\r\n';
const NAME = /^[-._0-9a-zA-Z]+$/;

/** git's built-in macro: `[attr]binary -diff -merge -text`. */
const BUILTIN_MACROS: Array<[string, AttrState[]]> = [
	[
		'binary',
		[
			{ name: 'diff', value: false },
			{ name: 'merge', value: false },
			{ name: 'text', value: false }
		]
	]
];

export function parseGitattributes(text: string): AttributesFile {
	const file: AttributesFile = { rules: [], macros: new Map() };
	for (const line of text.replace(/^\uFEFF/, '').split('\n')) parseLine(line, file);
	return file;
}

function parseLine(raw: string, file: AttributesFile): void {
	const line = raw.slice(span(raw, 0, true));
	if (line === '' || line.startsWith('#')) return;
	let pattern: string;
	let rest: string;
	const quoted = line.startsWith('"') ? unquoteC(line) : null;
	if (quoted) [pattern, rest] = quoted;
	else {
		const end = span(line, 0, false);
		[pattern, rest] = [line.slice(0, end), line.slice(end)];
	}
	const states = parseStates(rest);
	if (!states) return;
	if (pattern.length > '[attr]'.length && pattern.startsWith('[attr]')) {
		const name = pattern.slice('[attr]'.length);
		if (NAME.test(name) && !name.startsWith('-')) file.macros.set(name, states);
		return;
	}
	// "Negative patterns are ignored in git attributes" (a warning in git).
	if (pattern.startsWith('!')) return;
	const dirOnly = pattern.endsWith('/');
	if (dirOnly) pattern = pattern.slice(0, -1);
	const nodir = !pattern.includes('/');
	if (pattern.startsWith('/')) pattern = pattern.slice(1);
	file.rules.push({ regex: new RegExp(`^${globToRegex(pattern)}$`, 's'), nodir, dirOnly, states });
}

/** The attribute states after the pattern; null when one is invalid (git drops the line). */
function parseStates(text: string): AttrState[] | null {
	const states: AttrState[] = [];
	for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
		const equals = word.indexOf('=');
		let name = equals < 0 ? word : word.slice(0, equals);
		let value: AttrValue = equals < 0 ? true : word.slice(equals + 1);
		if (name.startsWith('-') || name.startsWith('!')) {
			value = name.startsWith('-') ? false : null;
			name = name.slice(1);
		}
		if (!NAME.test(name) || name.startsWith('-')) return null;
		states.push({ name, value });
	}
	return states;
}

/** Index of the first char from `from` that is (blank = false) or is not (blank = true) blank. */
function span(text: string, from: number, blank: boolean): number {
	let i = from;
	while (i < text.length && BLANK.includes(text[i]!) === blank) i++;
	return i;
}

const ESCAPES: Record<string, string> = {
	a: '\x07',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\\': '\\',
	'"': '"'
};

/** A C-quoted pattern (`"a b.txt" text`) and what follows it; null when malformed. */
function unquoteC(line: string): [string, string] | null {
	const bytes: number[] = [];
	const utf8 = new TextEncoder();
	for (let i = 1; i < line.length; i++) {
		const ch = line[i]!;
		if (ch === '"') return [new TextDecoder().decode(Uint8Array.from(bytes)), line.slice(i + 1)];
		if (ch !== '\\') {
			bytes.push(...utf8.encode(ch));
			continue;
		}
		const next = line[++i];
		if (next === undefined) return null;
		if (ESCAPES[next]) bytes.push(ESCAPES[next]!.charCodeAt(0));
		else if (/[0-3]/.test(next) && /^[0-7]{2}$/.test(line.slice(i + 1, i + 3))) {
			bytes.push(parseInt(line.slice(i, i + 3), 8));
			i += 2;
		} else return null;
	}
	return null;
}

export type AttributeMatcher = {
	/** Adds `dir`/.gitattributes ('' = the root, whose macros are honoured). */
	addFile(dir: string, file: AttributesFile): void;
	/** Every attribute specified for a file's path; an absent name is unspecified. */
	attributesOf(path: string): Map<string, AttrValue>;
};

export function createAttributeMatcher(): AttributeMatcher {
	const files = new Map<string, AttributesFile>();
	const macros = new Map(BUILTIN_MACROS);
	return {
		addFile(dir, file) {
			files.set(dir, file);
			if (dir === '') for (const [name, states] of file.macros) macros.set(name, states);
		},
		attributesOf(path) {
			const found = new Map<string, AttrValue>();
			const fill = (states: AttrState[]) => {
				// Right to left within a line, as git's fill_one: the later state on a line wins.
				for (let i = states.length - 1; i >= 0; i--) {
					const { name, value } = states[i]!;
					if (found.has(name)) continue;
					found.set(name, value);
					const macro = macros.get(name);
					if (macro && value === true) fill(macro);
				}
			};
			for (const dir of foldersAbove(path)) {
				const file = files.get(dir);
				if (!file) continue;
				const relative = dir === '' ? path : path.slice(dir.length + 1);
				const base = relative.slice(relative.lastIndexOf('/') + 1);
				for (let i = file.rules.length - 1; i >= 0; i--) {
					const rule = file.rules[i]!;
					if (!rule.dirOnly && rule.regex.test(rule.nodir ? base : relative)) fill(rule.states);
				}
			}
			for (const [name, value] of found) if (value === null) found.delete(name);
			return found;
		}
	};
}

/** The folders whose .gitattributes apply to `path`, deepest first, ending with the root ''. */
export function foldersAbove(path: string): string[] {
	const dirs: string[] = [];
	for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
		dirs.push(path.slice(0, slash));
	}
	dirs.push('');
	return dirs;
}
