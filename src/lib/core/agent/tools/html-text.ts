// A web page as readable text for the model: scripts, styles and other invisible parts dropped,
// tags removed, block elements on their own lines, entities decoded. A pure function (no
// DOMParser: core runs in Node too); one pass over the text with non-backtracking patterns.

const HIDDEN = ['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object'];
const BLOCK =
	/^(?:p|div|section|article|header|footer|nav|main|aside|h[1-6]|ul|ol|li|dl|dt|dd|pre|blockquote|table|tr|br|hr|form|figure|figcaption|details|summary)$/;

const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	copy: '©',
	laquo: '«',
	raquo: '»',
	rsquo: '’',
	lsquo: '‘',
	rdquo: '”',
	ldquo: '“'
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
			return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
				? String.fromCodePoint(code)
				: '\ufffd';
		}
		return NAMED[body.toLowerCase()] ?? whole;
	});
}

/** Whether a body looks like HTML (by its content type, or by its start when there is none). */
export function isHtml(contentType: string, body: string): boolean {
	if (/html|xhtml/i.test(contentType)) return true;
	return contentType === '' && /^\s*(<!doctype html|<html)/i.test(body.slice(0, 200));
}

export function htmlToText(html: string): string {
	const lower = html.toLowerCase();
	const out: string[] = [];
	// The next '>' and '-->' at or after the scan position, found once each (hostile input may
	// hold many '<' and no '>': searching again from every '<' would be quadratic).
	const next = { gt: -2, comment: -2 };
	const find = (key: 'gt' | 'comment', needle: string, from: number) => {
		if (next[key] !== -1 && next[key] < from) next[key] = html.indexOf(needle, from);
		return next[key];
	};
	let last = 0;
	let i = html.indexOf('<');
	while (i >= 0) {
		let end: number;
		let name = '';
		let closing = false;
		if (html.startsWith('<!--', i)) {
			const close = find('comment', '-->', i + 4);
			end = close < 0 ? html.length : close + 3;
		} else {
			const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,40})/.exec(html.slice(i, i + 44));
			const gt = find('gt', '>', i + 1);
			if ((!tag && html[i + 1] !== '!' && html[i + 1] !== '?') || gt < 0) {
				i = html.indexOf('<', i + 1);
				continue;
			}
			end = gt + 1;
			if (tag) {
				closing = tag[1] === '/';
				name = (tag[2] ?? '').toLowerCase();
			}
		}
		out.push(decodeEntities(html.slice(last, i)));
		last = end;
		if (!closing && HIDDEN.includes(name) && html[end - 2] !== '/') {
			// Skip to the matching close tag: a script's text may hold anything, '<' included.
			const close = lower.indexOf(`</${name}`, end);
			last = close < 0 ? html.length : close;
		} else if (BLOCK.test(name)) out.push('\n');
		else if (name === 'td' || name === 'th') out.push(' ');
		i = last >= html.length ? -1 : html.indexOf('<', last);
	}
	out.push(decodeEntities(html.slice(last)));
	return tidy(out.join(''));
}

/** Runs of spaces become one space; lines are trimmed and empty ones dropped (compact for the model). */
function tidy(text: string): string {
	return text
		.split('\n')
		.map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
		.filter((line) => line !== '')
		.join('\n');
}
