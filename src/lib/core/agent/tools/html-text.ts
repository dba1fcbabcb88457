// A web page as readable text for the model, by `html-to-text` (a maintained converter on
// htmlparser2 that needs no DOM: core runs in Node too). Invisible parts are dropped, every HTML
// entity is decoded, links keep their target (resolved against the page's URL) and tables stay
// tables, columns aligned. Headings keep their case; images are left out (the model cannot see them).
import { convert, type HtmlToTextOptions } from 'html-to-text';

const HIDDEN = [
	'script',
	'style',
	'noscript',
	'template',
	'svg',
	'head',
	'iframe',
	'object',
	'img'
];

function options(baseUrl: string | undefined): HtmlToTextOptions {
	return {
		wordwrap: false,
		selectors: [
			...HIDDEN.map((selector) => ({ selector, format: 'skip' })),
			...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
				selector,
				options: { uppercase: false }
			})),
			{ selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
			{
				selector: 'a',
				options: {
					// html-to-text's own baseUrl only prefixes; the URL constructor resolves properly.
					// (It strips `mailto:` before calling this; the element still has it.)
					pathRewrite: ((href: string, _meta: unknown, element?: Anchor) =>
						element?.attribs?.href?.startsWith('mailto:') ? href : resolve(href, baseUrl)) as (
						href: string
					) => string,
					linkBrackets: ['(', ')'],
					hideLinkHrefIfSameAsText: true
				}
			}
		]
	};
}

type Anchor = { attribs?: { href?: string } };

function resolve(href: string, baseUrl: string | undefined): string {
	if (!baseUrl) return href;
	try {
		return new URL(href, baseUrl).href;
	} catch {
		return href;
	}
}

/** `baseUrl` (the page's address) turns relative links into ones the model can fetch. */
export function htmlToText(html: string, baseUrl?: string): string {
	return tidy(convert(html, options(baseUrl)));
}

/** No-break spaces become spaces, lines lose trailing spaces and empty ones are dropped (compact
 * for the model); a table's column spacing inside a line stays. */
function tidy(text: string): string {
	return text
		.split('\n')
		.map((line) => line.replace(/\u00a0/g, ' ').replace(/[ \t\f\v]+$/, ''))
		.filter((line) => line.trim() !== '')
		.join('\n');
}
