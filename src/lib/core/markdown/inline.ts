// Inline Markdown: code spans, emphasis and strong, links, images, autolinks, escapes and hard
// breaks. Raw HTML is never recognised: `<b>` stays the text "<b>".
//
// The input is the model's, so it may be hostile. Every search for a closing delimiter that
// fails is remembered for the rest of the span (a failed search has looked to its end), bracket
// pairs are matched once per span with a stack, link targets are cut at a fixed length and
// nesting is bounded, so the work stays linear in the length of the text.
import type { Inline } from './types.ts';
import { safeHref } from './urls.ts';

const MAX_DEPTH = 12;
const MAX_URL = 2048;
/** CommonMark's own bound on parentheses nested in a link target. */
const MAX_PARENS = 32;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) =>
	c === undefined || c === ' ' || c === '\n' || c === '\t' || (c > '~' && /\s/.test(c));
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

export function parseInline(text: string, depth = 0, inLink = false): Inline[] {
	return new InlineScanner(text, depth, inLink).run();
}

class InlineScanner {
	readonly #s: string;
	readonly #depth: number;
	readonly #inLink: boolean;
	readonly #out: Inline[] = [];
	/** The current run of text, in pieces (joined once, so long texts are not copied per line). */
	#text: string[] = [];
	/** Per delimiter (e.g. "`3", "*2"): from here on no closer exists. */
	readonly #noCloserFrom = new Map<string, number>();
	#brackets: Map<number, number> | undefined;

	constructor(s: string, depth: number, inLink: boolean) {
		this.#s = s;
		this.#depth = depth;
		this.#inLink = inLink;
	}

	run(): Inline[] {
		const s = this.#s;
		const special = /[\\`\n*_![<h]/g;
		let i = 0;
		while (i < s.length) {
			special.lastIndex = i;
			const found = special.exec(s);
			const at = found ? found.index : s.length;
			if (at > i) this.#text.push(s.slice(i, at));
			if (at >= s.length) break;
			const next = this.#at(at);
			if (next === at) this.#text.push(s.charAt(at));
			i = next === at ? at + 1 : next;
		}
		this.#flush();
		return this.#out;
	}

	/** Tries the constructs that may start at `i`; returns where scanning goes on (i = none). */
	#at(i: number): number {
		const s = this.#s;
		const c = s[i];
		if (c === '\\') return this.#escape(i);
		if (c === '`') return this.#codeSpan(i);
		if (c === '\n') return this.#newline(i);
		if (this.#depth >= MAX_DEPTH) return i;
		if (c === '*' || c === '_') return this.#emphasis(i);
		if (c === '!' && s[i + 1] === '[') return this.#link(i + 1, true);
		if (c === '[' && !this.#inLink) return this.#link(i, false);
		if (c === '<' && !this.#inLink) return this.#angleLink(i);
		if (c === 'h' && !this.#inLink && !isWord(s[i - 1])) return this.#bareUrl(i);
		return i;
	}

	#push(node: Inline) {
		this.#flush();
		this.#out.push(node);
	}

	#flush() {
		const text = this.#text.join('');
		if (text) this.#out.push({ type: 'text', text });
		this.#text = [];
	}

	#escape(i: number): number {
		const next = this.#s[i + 1];
		if (next === '\n') {
			this.#push({ type: 'break' });
			return i + 2;
		}
		if (next !== undefined && PUNCTUATION.test(next)) {
			this.#text.push(next);
			return i + 2;
		}
		return i;
	}

	#newline(i: number): number {
		// Two spaces before a line end make a hard break; otherwise the line end is a space.
		const last = this.#text.pop() ?? '';
		let end = last.length;
		while (last[end - 1] === ' ') end--;
		const trimmed = last.slice(0, end);
		if (trimmed) this.#text.push(trimmed);
		if (last.length - trimmed.length >= 2) this.#push({ type: 'break' });
		else this.#text.push('\n');
		let j = i + 1;
		while (this.#s[j] === ' ') j++;
		return j;
	}

	#runLength(i: number, c: string): number {
		let j = i;
		while (this.#s[j] === c) j++;
		return j - i;
	}

	#codeSpan(i: number): number {
		const s = this.#s;
		const n = this.#runLength(i, '`');
		const key = '`' + n;
		const from = i + n;
		if ((this.#noCloserFrom.get(key) ?? Infinity) <= from) return this.#literal(i, n);
		let j = from;
		while (j < s.length) {
			j = s.indexOf('`', j);
			if (j < 0) break;
			const m = this.#runLength(j, '`');
			if (m === n) {
				let body = s.slice(from, j).replace(/\n/g, ' ');
				if (/^ .* $/s.test(body) && body.trim() !== '') body = body.slice(1, -1);
				this.#push({ type: 'code', text: body });
				return j + m;
			}
			j += m;
		}
		this.#noCloserFrom.set(key, from);
		return this.#literal(i, n);
	}

	#literal(i: number, n: number): number {
		this.#text.push(this.#s.slice(i, i + n));
		return i + n;
	}

	#emphasis(i: number): number {
		const s = this.#s;
		const c = s.charAt(i);
		const n = this.#runLength(i, c);
		const after = s[i + n];
		const before = s[i - 1];
		const opens = !isSpace(after) && (c === '*' || !isWord(before));
		if (!opens || n > 3) return this.#literal(i, n);
		const close = this.#findCloser(i + n, c, n);
		if (close < 0) return this.#literal(i, n);
		const inner = parseInline(s.slice(i + n, close), this.#depth + 1, this.#inLink);
		if (n === 1) this.#push({ type: 'emphasis', children: inner });
		else if (n === 2) this.#push({ type: 'strong', children: inner });
		else this.#push({ type: 'strong', children: [{ type: 'emphasis', children: inner }] });
		return close + n;
	}

	/** The start of the next run of exactly `n` × `c` that can close, or -1. */
	#findCloser(from: number, c: string, n: number): number {
		const s = this.#s;
		const key = c + n;
		if ((this.#noCloserFrom.get(key) ?? Infinity) <= from) return -1;
		let j = from;
		while (j < s.length) {
			j = s.indexOf(c, j);
			if (j < 0) break;
			const m = this.#runLength(j, c);
			const closes = !isSpace(s[j - 1]) && (c === '*' || !isWord(s[j + m]));
			if (m === n && closes && j > from) return j;
			j += m;
		}
		this.#noCloserFrom.set(key, from);
		return -1;
	}

	/** Matching `]` for every `[` of the span, found once with a stack. */
	#closingBracket(open: number): number | undefined {
		if (!this.#brackets) {
			this.#brackets = new Map();
			const stack: number[] = [];
			const s = this.#s;
			for (let j = 0; j < s.length; j++) {
				if (s[j] === '\\') j++;
				else if (s[j] === '[') stack.push(j);
				else if (s[j] === ']' && stack.length) this.#brackets.set(stack.pop()!, j);
			}
		}
		return this.#brackets.get(open);
	}

	#link(open: number, image: boolean): number {
		const start = image ? open - 1 : open;
		const close = this.#closingBracket(open);
		if (close === undefined || this.#s[close + 1] !== '(') return start;
		const target = this.#destination(close + 2);
		if (!target) return start;
		const label = this.#s.slice(open + 1, close);
		if (image) {
			const alt = plainText(parseInline(label, this.#depth + 1, true));
			this.#push({ type: 'image', alt, src: target.url });
			return target.end;
		}
		const children = parseInline(label, this.#depth + 1, true);
		const safe = safeHref(target.url);
		if (safe) this.#push({ type: 'link', href: safe.href, relative: safe.relative, children });
		else {
			// An unsafe target (javascript:, data:, …) keeps its words and loses its link.
			for (const child of children) {
				if (child.type === 'text') this.#text.push(child.text);
				else this.#push(child);
			}
		}
		return target.end;
	}

	/** `(url)`, `(<url>)` or `(url "title")` from just after the `(`; the title is dropped. */
	#destination(from: number): { url: string; end: number } | null {
		const s = this.#s;
		let j = from;
		while (s[j] === ' ') j++;
		let url: string;
		if (s[j] === '<') {
			const end = s.indexOf('>', j);
			if (end < 0 || end - j > MAX_URL || s.slice(j, end).includes('\n')) return null;
			url = s.slice(j + 1, end);
			j = end + 1;
		} else {
			const begin = j;
			let depth = 0;
			for (; j < s.length && j - begin <= MAX_URL; j++) {
				const c = s[j];
				if (c === '\\') j++;
				else if (c === '(' && ++depth > MAX_PARENS) return null;
				else if (c === ')' && depth-- === 0) break;
				else if (isSpace(c)) break;
			}
			url = s.slice(begin, j);
		}
		while (s[j] === ' ' || s[j] === '\n') j++;
		if (s[j] === '"' || s[j] === "'") {
			const end = s.indexOf(s.charAt(j), j + 1);
			if (end < 0 || end - j > MAX_URL) return null;
			j = end + 1;
			while (s[j] === ' ') j++;
		}
		return s[j] === ')' ? { url: url.replace(/\\([!-/:-@[-`{-~])/g, '$1'), end: j + 1 } : null;
	}

	/** `<https://…>` and `<user@host>`; any other `<…>` is text. */
	#angleLink(i: number): number {
		const s = this.#s;
		const m = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]{0,2048})>/.exec(
			s.slice(i, i + MAX_URL + 40)
		);
		const mail = m ? null : /^<([^\s<>@]{1,64}@[^\s<>@]{1,255})>/.exec(s.slice(i, i + 330));
		const url = m?.[1] ?? (mail ? `mailto:${mail[1]}` : null);
		const safe = url ? safeHref(url) : null;
		if (!safe || safe.relative) return i;
		const shown = mail?.[1] ?? safe.href;
		this.#push({
			type: 'link',
			href: safe.href,
			relative: false,
			children: [{ type: 'text', text: shown }]
		});
		return i + (m ?? mail)![0].length;
	}

	#bareUrl(i: number): number {
		const s = this.#s;
		const m = /^https?:\/\/[^\s<>"`]{1,2048}/.exec(s.slice(i, i + MAX_URL + 8));
		if (!m) return i;
		let url = m[0];
		// Sentence punctuation after a URL is not part of it; a `)` only when unbalanced.
		for (;;) {
			const last = url.charAt(url.length - 1);
			if (/[.,:;!?'*_]/.test(last)) url = url.slice(0, -1);
			else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
			else break;
		}
		if (!/^https?:\/\/[^/?#]/.test(url)) return i;
		this.#push({
			type: 'link',
			href: url,
			relative: false,
			children: [{ type: 'text', text: url }]
		});
		return i + url.length;
	}
}

function count(text: string, c: string): number {
	let n = 0;
	for (const x of text) if (x === c) n++;
	return n;
}

/** The words of an inline tree, for alt texts and labels. */
export function plainText(nodes: Inline[]): string {
	let text = '';
	for (const node of nodes) {
		switch (node.type) {
			case 'text':
			case 'code':
				text += node.text;
				break;
			case 'image':
				text += node.alt;
				break;
			case 'break':
				text += '\n';
				break;
			case 'emphasis':
			case 'strong':
			case 'link':
			case 'ref':
				text += plainText(node.children);
				break;
		}
	}
	return text;
}
