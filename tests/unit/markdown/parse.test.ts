import { describe, expect, it } from 'vitest';
import {
	parseInline,
	parseMarkdown,
	safeHref,
	type Block,
	type Inline
} from '../../../src/lib/core/markdown/index.ts';

const text = (t: string): Inline => ({ type: 'text', text: t });
const para = (...children: Inline[]): Block => ({ type: 'paragraph', children });

describe('parseMarkdown: blocks', () => {
	it('reads a typical model answer', () => {
		const source = [
			'## Summary',
			'',
			'I changed **two** files:',
			'',
			'- `src/a.ts`: *faster*',
			'- src/b.ts',
			'  - nested',
			'',
			'1. first',
			'2. second',
			'',
			'> quoted',
			'> more',
			'',
			'```ts',
			'const x = 1;',
			'',
			'<script>alert(1)</script>',
			'```',
			'',
			'---',
			'',
			'| file | lines |',
			'| :--- | ---: |',
			'| a.ts | 3 |'
		].join('\n');
		expect(parseMarkdown(source)).toEqual<Block[]>([
			{ type: 'heading', level: 2, children: [text('Summary')] },
			para(text('I changed '), { type: 'strong', children: [text('two')] }, text(' files:')),
			{
				type: 'list',
				ordered: false,
				start: 0,
				items: [
					[
						para({ type: 'code', text: 'src/a.ts' }, text(': '), {
							type: 'emphasis',
							children: [text('faster')]
						})
					],
					[
						para(text('src/b.ts')),
						{ type: 'list', ordered: false, start: 0, items: [[para(text('nested'))]] }
					]
				]
			},
			{
				type: 'list',
				ordered: true,
				start: 1,
				items: [[para(text('first'))], [para(text('second'))]]
			},
			{ type: 'blockquote', children: [para(text('quoted\nmore'))] },
			{ type: 'code', lang: 'ts', text: 'const x = 1;\n\n<script>alert(1)</script>' },
			{ type: 'rule' },
			{
				type: 'table',
				head: [[text('file')], [text('lines')]],
				rows: [[[text('a.ts')], [text('3')]]]
			}
		]);
	});

	it('keeps HTML as text, in blocks and inline', () => {
		expect(parseMarkdown('<div onclick="x()">hi</div>\n<img src=x onerror=alert(1)>')).toEqual([
			para(text('<div onclick="x()">hi</div>\n<img src=x onerror=alert(1)>'))
		]);
	});

	it('headings: closing hashes dropped, levels 1–6, a hash without space is text', () => {
		expect(parseMarkdown('# One #\n###### Six\n#hashtag\n####### seven')).toEqual([
			{ type: 'heading', level: 1, children: [text('One')] },
			{ type: 'heading', level: 6, children: [text('Six')] },
			para(text('#hashtag\n####### seven'))
		]);
	});

	it('an unclosed fence runs to the end; tilde fences and fences in list items work', () => {
		expect(parseMarkdown('~~~\na\n```\nb')).toEqual([
			{ type: 'code', lang: '', text: 'a\n```\nb' }
		]);
		expect(parseMarkdown('- item\n\n  ```\n  code\n  ```')).toEqual([
			{
				type: 'list',
				ordered: false,
				start: 0,
				items: [[para(text('item')), { type: 'code', lang: '', text: 'code' }]]
			}
		]);
	});

	it('ordered lists keep their start; a lazy line continues an item', () => {
		expect(parseMarkdown('3) three\ncontinued\n4) four')).toEqual([
			{
				type: 'list',
				ordered: true,
				start: 3,
				items: [[para(text('three\ncontinued'))], [para(text('four'))]]
			}
		]);
	});
});

describe('parseInline', () => {
	it('code spans: longer runs, inner backticks, stripped padding, unclosed runs are text', () => {
		expect(parseInline('``a ` b`` and `` `x` `` and `open')).toEqual([
			{ type: 'code', text: 'a ` b' },
			text(' and '),
			{ type: 'code', text: '`x`' },
			text(' and `open')
		]);
	});

	it('emphasis and strong, nested; intraword underscores stay text', () => {
		expect(parseInline('**bold *it* x** _em_ snake_case_name ***both***')).toEqual([
			{
				type: 'strong',
				children: [text('bold '), { type: 'emphasis', children: [text('it')] }, text(' x')]
			},
			text(' '),
			{ type: 'emphasis', children: [text('em')] },
			text(' snake_case_name '),
			{ type: 'strong', children: [{ type: 'emphasis', children: [text('both')] }] }
		]);
	});

	it('links: allowed schemes, relative, titles, angle targets, nested brackets in the label', () => {
		expect(
			parseInline('[a](https://x.dev/p_(1)) [b [c]](src/b.ts "t") [m](<mailto:me@x.dev>)')
		).toEqual([
			{ type: 'link', href: 'https://x.dev/p_(1)', relative: false, children: [text('a')] },
			text(' '),
			{ type: 'link', href: 'src/b.ts', relative: true, children: [text('b [c]')] },
			text(' '),
			{ type: 'link', href: 'mailto:me@x.dev', relative: false, children: [text('m')] }
		]);
	});

	it('hostile link targets lose their link and keep their words', () => {
		const hostile = [
			'[a](javascript:alert(1))',
			'[b](JaVaScRiPt:alert(1))',
			'[c](<java\tscript:alert(1)>)',
			'[d](data:text/html;base64,PHNjcmlwdD4=)',
			'[e](vbscript:x)',
			'[f](//evil.example/x)',
			'[g](/\\evil.example/x)',
			'[h](<javascript:alert(1)>)'
		].join(' ');
		const nodes = parseInline(hostile);
		expect(nodes).toEqual([text('a b c d e f g h')]);
	});

	it('a link inside a link label stays text; images are placeholders with their raw URL', () => {
		expect(
			parseInline('[x [y](http://a.dev) z](http://b.dev) ![alt *t*](http://127.0.0.1:9/p.png)')
		).toEqual([
			{
				type: 'link',
				href: 'http://b.dev',
				relative: false,
				children: [text('x [y](http://a.dev) z')]
			},
			text(' '),
			{ type: 'image', alt: 'alt t', src: 'http://127.0.0.1:9/p.png' }
		]);
		// An image's URL is kept as written, even a hostile one: it is shown, never loaded.
		expect(parseInline('![i](javascript:alert(1))')).toEqual([
			{ type: 'image', alt: 'i', src: 'javascript:alert(1)' }
		]);
	});

	it('autolinks: bare URLs without trailing punctuation, <url>, <email>; other <…> is text', () => {
		expect(
			parseInline(
				'See https://a.dev/x). Or <https://b.dev> or <me@c.dev> or <javascript:alert(1)> <b>'
			)
		).toEqual([
			text('See '),
			{
				type: 'link',
				href: 'https://a.dev/x',
				relative: false,
				children: [text('https://a.dev/x')]
			},
			text('). Or '),
			{ type: 'link', href: 'https://b.dev', relative: false, children: [text('https://b.dev')] },
			text(' or '),
			{ type: 'link', href: 'mailto:me@c.dev', relative: false, children: [text('me@c.dev')] },
			text(' or <javascript:alert(1)> <b>')
		]);
	});

	it('escapes and hard breaks', () => {
		expect(parseInline('\\*not\\* a  \nb\\\nc\nd')).toEqual([
			text('*not* a'),
			{ type: 'break' },
			text('b'),
			{ type: 'break' },
			text('c\nd')
		]);
	});
});

describe('safeHref', () => {
	it.each([
		['https://a.dev/x?y=1', { href: 'https://a.dev/x?y=1', relative: false }],
		['HTTP://A.DEV', { href: 'HTTP://A.DEV', relative: false }],
		['mailto:a@b.dev', { href: 'mailto:a@b.dev', relative: false }],
		['src/a.ts#L3', { href: 'src/a.ts#L3', relative: true }],
		['  ./docs/x.md ', { href: './docs/x.md', relative: true }],
		['javascript:alert(1)', null],
		[' \u0001javascript:alert(1)', null],
		['jav\nascript:alert(1)', null],
		['data:image/png;base64,AA', null],
		['file:///etc/passwd', null],
		['blob:https://a.dev/x', null],
		['//evil.dev', null],
		['\\\\evil.dev', null],
		['', null]
	])('%j', (raw, expected) => {
		expect(safeHref(raw)).toEqual(expected);
	});
});

describe('hostile input stays linear', () => {
	const cases: [string, string][] = [
		['backticks', '` '.repeat(100_000)],
		['mixed backtick runs', '`` ` ``` '.repeat(30_000)],
		['stars', '* a '.repeat(60_000)],
		['underscores', '_a '.repeat(80_000)],
		['open brackets', '['.repeat(200_000)],
		['bracket pairs without targets', '[a]'.repeat(80_000)],
		['unclosed targets', '[]('.repeat(80_000)],
		['targets with parens', '[a](b('.repeat(50_000)],
		['angle brackets', '<a:'.repeat(80_000)],
		['urls', 'http://'.repeat(40_000)],
		['quotes', '>'.repeat(100_000)],
		['nested lists', '- '.repeat(50_000) + 'x'],
		['many lines', 'a  \n'.repeat(100_000)],
		['table-ish', '|a|\n|-|\n'.repeat(30_000)],
		['path-like', 'a.b/'.repeat(60_000)],
		['spaces', ' '.repeat(100_000) + 'x\n']
	];
	it.each(cases)('%s', (_name, source) => {
		const started = performance.now();
		parseMarkdown(source);
		// Generous for a loaded machine; a quadratic parser takes minutes on these.
		expect(performance.now() - started).toBeLessThan(3000);
	});
});
