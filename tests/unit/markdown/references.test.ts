import { describe, expect, it } from 'vitest';
import {
	createReferenceResolver,
	linkReferences,
	parseFileReference,
	parseMarkdown
} from '../../../src/lib/core/markdown/index.ts';

describe('parseFileReference', () => {
	it.each([
		['src/foo.ts', { path: 'src/foo.ts' }],
		['./src/foo.ts', { path: 'src/foo.ts' }],
		['src/foo.ts:12', { path: 'src/foo.ts', startLine: 12 }],
		['src/foo.ts:12:5', { path: 'src/foo.ts', startLine: 12 }],
		['src/foo.ts:12-20', { path: 'src/foo.ts', startLine: 12, endLine: 20 }],
		['src/foo.ts#L12', { path: 'src/foo.ts', startLine: 12 }],
		['src/foo.ts#L12-L20', { path: 'src/foo.ts', startLine: 12, endLine: 20 }],
		['src/foo.ts#L12-20', { path: 'src/foo.ts', startLine: 12, endLine: 20 }],
		['package.json', { path: 'package.json' }],
		['Makefile/x', { path: 'Makefile/x' }],
		['src/foo.ts:20-12', { path: 'src/foo.ts', startLine: 20 }],
		['README', null],
		['npm test', null],
		['https://a.dev/x.ts', null],
		['../etc/passwd', null],
		['src//a.ts', null],
		['e.g', null],
		['.env', null]
	])('%j', (text, expected) => {
		expect(parseFileReference(text)).toEqual(expected);
	});
});

describe('linkReferences', () => {
	const resolve = createReferenceResolver({
		commands: [
			{ id: 'call_1', command: 'npm test' },
			{ id: 'call_2', command: 'ls' },
			{ id: 'call_3', command: 'npm test' }
		],
		paths: new Set(['src/file.ts', 'README.md']),
		pathsComplete: false
	});

	it('code spans, plain-text paths, relative links and commands become refs', () => {
		const source =
			'Changed `src/file.ts:3` and src/file.ts#L1-L2, see [the readme](README.md). `npm test` passed; `echo` did not run; e.g. src/other.ts and `lib/x.ts`.';
		expect(linkReferences(parseMarkdown(source), resolve)).toEqual([
			{
				type: 'paragraph',
				children: [
					{ type: 'text', text: 'Changed ' },
					{
						type: 'ref',
						ref: { kind: 'file', path: 'src/file.ts', startLine: 3 },
						children: [{ type: 'code', text: 'src/file.ts:3' }]
					},
					{ type: 'text', text: ' and ' },
					{
						type: 'ref',
						ref: { kind: 'file', path: 'src/file.ts', startLine: 1, endLine: 2 },
						children: [{ type: 'text', text: 'src/file.ts#L1-L2' }]
					},
					{ type: 'text', text: ', see ' },
					{
						type: 'ref',
						ref: { kind: 'file', path: 'README.md' },
						children: [{ type: 'text', text: 'the readme' }]
					},
					{ type: 'text', text: '. ' },
					{
						type: 'ref',
						ref: { kind: 'command', id: 'call_3', command: 'npm test' },
						children: [{ type: 'code', text: 'npm test' }]
					},
					{ type: 'text', text: ' passed; ' },
					{ type: 'code', text: 'echo' },
					{ type: 'text', text: ' did not run; e.g. src/other.ts and ' },
					// Not in the known paths, but the listing is incomplete: a code span is taken on its syntax.
					{
						type: 'ref',
						ref: { kind: 'file', path: 'lib/x.ts' },
						children: [{ type: 'code', text: 'lib/x.ts' }]
					},
					{ type: 'text', text: '.' }
				]
			}
		]);
	});

	it('with a complete listing, unknown paths stay text everywhere; external links stay links', () => {
		const strict = createReferenceResolver({
			commands: [],
			paths: new Set(['a.ts']),
			pathsComplete: true
		});
		expect(linkReferences(parseMarkdown('`b.ts` [x](c.ts) [y](https://a.ts)'), strict)).toEqual([
			{
				type: 'paragraph',
				children: [
					{ type: 'code', text: 'b.ts' },
					{ type: 'text', text: ' ' },
					{ type: 'link', href: 'c.ts', relative: true, children: [{ type: 'text', text: 'x' }] },
					{ type: 'text', text: ' ' },
					{
						type: 'link',
						href: 'https://a.ts',
						relative: false,
						children: [{ type: 'text', text: 'y' }]
					}
				]
			}
		]);
	});
});
