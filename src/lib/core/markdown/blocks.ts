// Block Markdown, a line at a time: fenced code, ATX headings, rules, block quotes, bullet and
// ordered lists, GitHub tables, paragraphs. A practical subset of CommonMark for model output;
// raw HTML blocks do not exist here (their lines are paragraph text). Nesting is bounded, so a
// hostile `>>>>…` or `- - - …` costs at most MAX_DEPTH passes over its lines.
import { parseInline } from './inline.ts';
import type { Block, Inline } from './types.ts';

const MAX_DEPTH = 8;

/** A line by index; '' past the end (the loops below stop before that). */
const line = (lines: string[], i: number): string => lines[i] ?? '';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4}|\t|$)/;

/** Markdown text → blocks. Never throws; anything it does not recognise is paragraph text. */
export function parseMarkdown(text: string): Block[] {
	return parseBlocks(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		const text = line(lines, i);
		if (text.trim() === '') {
			i++;
			continue;
		}
		const nested = depth < MAX_DEPTH;
		const fence = FENCE.exec(text);
		const marker = fence?.[1] ?? '';
		if (fence && !(marker[0] === '`' && (fence[2] ?? '').includes('`'))) {
			i = codeBlock(lines, i, marker, fence[2] ?? '', blocks);
		} else if (HEADING.test(text)) {
			blocks.push(heading(text, depth));
			i++;
		} else if (isRule(text)) {
			blocks.push({ type: 'rule' });
			i++;
		} else if (nested && QUOTE.test(text)) {
			const inner: string[] = [];
			for (; i < lines.length && QUOTE.test(line(lines, i)); i++)
				inner.push(line(lines, i).replace(QUOTE, ''));
			blocks.push({ type: 'blockquote', children: parseBlocks(inner, depth + 1) });
		} else if (nested && ITEM.test(text)) {
			i = list(lines, i, depth, blocks);
		} else if (isTableStart(lines, i)) {
			i = table(lines, i, depth, blocks);
		} else {
			i = paragraph(lines, i, depth, blocks);
		}
	}
	return blocks;
}

function codeBlock(
	lines: string[],
	start: number,
	marker: string,
	info: string,
	out: Block[]
): number {
	const first = line(lines, start);
	const indent = first.length - first.trimStart().length;
	const body: string[] = [];
	let i = start + 1;
	for (; i < lines.length; i++) {
		const close = line(lines, i).trim();
		if (close.length >= marker.length && close === marker[0]!.repeat(close.length)) break;
		body.push(indent ? line(lines, i).replace(new RegExp(`^ {0,${indent}}`), '') : line(lines, i));
	}
	out.push({ type: 'code', lang: info.trim().split(/\s/)[0] ?? '', text: body.join('\n') });
	return i + 1;
}

function heading(text: string, depth: number): Block {
	const m = HEADING.exec(text)!;
	let rest = text.slice(m[0].length).trim();
	// A closing run of #s is decoration, when a space separates it from the words.
	let end = rest.length;
	while (end > 0 && rest[end - 1] === '#') end--;
	if (end === 0 || rest[end - 1] === ' ') rest = rest.slice(0, end).trimEnd();
	const level = (m[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
	return { type: 'heading', level, children: parseInline(rest, depth) };
}

function isRule(text: string): boolean {
	const compact = text.replace(/[ \t]/g, '');
	if (compact.length < 3 || text.length - text.trimStart().length > 3) return false;
	const c = compact[0] ?? '';
	return (c === '-' || c === '*' || c === '_') && compact === c.repeat(compact.length);
}

/** Whether a line begins a block other than a paragraph (so it ends the paragraph above). */
function interrupts(text: string): boolean {
	return (
		FENCE.test(text) || HEADING.test(text) || isRule(text) || QUOTE.test(text) || ITEM.test(text)
	);
}

function paragraph(lines: string[], start: number, depth: number, out: Block[]): number {
	let i = start + 1;
	while (i < lines.length && line(lines, i).trim() !== '' && !interrupts(line(lines, i))) i++;
	const text = lines.slice(start, i).join('\n').trim();
	out.push({ type: 'paragraph', children: parseInline(text, depth) });
	return i;
}

type Marker = { bullet: string; ordered: boolean; number: number; width: number };

function markerOf(text: string): Marker | null {
	const m = ITEM.exec(text);
	if (!m) return null;
	const [, indent = '', bullet = '', gap = ''] = m;
	const ordered = /\d/.test(bullet[0] ?? '');
	const spacing = gap === '\t' ? 1 : gap.length;
	return {
		bullet: ordered ? bullet.slice(-1) : bullet,
		ordered,
		number: ordered ? Number.parseInt(bullet, 10) : 0,
		width: indent.length + bullet.length + Math.max(1, spacing)
	};
}

function list(lines: string[], start: number, depth: number, out: Block[]): number {
	const first = markerOf(line(lines, start))!;
	const items: Block[][] = [];
	let i = start;
	while (i < lines.length) {
		const marker = markerOf(line(lines, i));
		if (!marker || marker.bullet !== first.bullet || isRule(line(lines, i))) break;
		const body = [line(lines, i).slice(marker.width)];
		i++;
		let lazy = true;
		for (; i < lines.length; i++) {
			const text = line(lines, i);
			const indent = text.length - text.trimStart().length;
			if (text.trim() === '') {
				body.push('');
				lazy = false;
			} else if (indent >= marker.width) {
				body.push(text.slice(marker.width));
				lazy = true;
			} else if (lazy && !interrupts(text)) {
				body.push(text.trimStart());
			} else break;
		}
		while (body.length && body[body.length - 1] === '') body.pop();
		items.push(parseBlocks(body, depth + 1));
	}
	out.push({ type: 'list', ordered: first.ordered, start: first.number, items });
	return i;
}

function cells(text: string): string[] {
	let row = text.trim();
	if (row.startsWith('|')) row = row.slice(1);
	if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
	const out: string[] = [];
	let cell = '';
	for (let j = 0; j < row.length; j++) {
		if (row[j] === '\\' && row[j + 1] === '|') {
			cell += '|';
			j++;
		} else if (row[j] === '|') {
			out.push(cell.trim());
			cell = '';
		} else cell += row[j];
	}
	out.push(cell.trim());
	return out;
}

function isTableStart(lines: string[], i: number): boolean {
	const next = line(lines, i + 1);
	if (next === undefined || !line(lines, i).includes('|') || !next.includes('-')) return false;
	const delimiters = cells(next);
	return (
		delimiters.length === cells(line(lines, i)).length &&
		delimiters.every((cell) => /^:?-+:?$/.test(cell))
	);
}

function table(lines: string[], start: number, depth: number, out: Block[]): number {
	const width = cells(line(lines, start)).length;
	const row = (text: string): Inline[][] => {
		const parts = cells(text).slice(0, width);
		while (parts.length < width) parts.push('');
		return parts.map((part) => parseInline(part, depth));
	};
	const head = row(line(lines, start));
	const rows: Inline[][][] = [];
	let i = start + 2;
	for (; i < lines.length && line(lines, i).trim() !== '' && line(lines, i).includes('|'); i++)
		rows.push(row(line(lines, i)));
	out.push({ type: 'table', head, rows });
	return i;
}
