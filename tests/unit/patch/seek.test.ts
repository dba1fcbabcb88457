import { describe, expect, it } from 'vitest';
import { seekSequence, type SeekMatch } from '../../../src/lib/core/patch/index.ts';

// Each fuzzy rung has a case that only it matches: the ladder tries every stricter rung over the
// whole range first, so the reported level is the first rung that matched anywhere.
const cases: {
	name: string;
	lines: string[];
	pattern: string[];
	start?: number;
	atEnd?: boolean;
	match: SeekMatch | null;
}[] = [
	{
		name: 'exact',
		lines: ['a', 'b', 'c'],
		pattern: ['b', 'c'],
		match: { index: 1, level: 'exact' }
	},
	{
		name: 'trailing whitespace only matches at trim-end',
		lines: ['x', 'foo();  ', 'bar();\t'],
		pattern: ['foo();', 'bar();'],
		match: { index: 1, level: 'trim-end' }
	},
	{
		name: 'leading whitespace only matches at trim',
		lines: ['x', '\t\tfoo();', '    bar();'],
		pattern: ['foo();', 'bar();'],
		match: { index: 1, level: 'trim' }
	},
	{
		name: 'typographic punctuation only matches at unicode',
		lines: ['x', 'say(“hi” – it’s\u00A0fine);', '\u22121'],
		pattern: ['say("hi" - it\'s fine);', '-1'],
		match: { index: 1, level: 'unicode' }
	},
	{
		name: 'an exact match later wins over a looser one earlier',
		lines: ['  foo', 'foo  ', 'foo'],
		pattern: ['foo'],
		match: { index: 2, level: 'exact' }
	},
	{
		name: 'a trim-end match later wins over a trim match earlier',
		lines: ['  foo', 'foo  '],
		pattern: ['foo'],
		match: { index: 1, level: 'trim-end' }
	},
	{
		name: 'starts searching at start',
		lines: ['a', 'b', 'a', 'b'],
		pattern: ['a'],
		start: 1,
		match: { index: 2, level: 'exact' }
	},
	{
		name: 'atEnd only considers the last position',
		lines: ['a', 'b', 'a', 'b'],
		pattern: ['a', 'b'],
		atEnd: true,
		match: { index: 2, level: 'exact' }
	},
	{
		name: 'atEnd fails when the lines are not last',
		lines: ['a', 'b', 'c'],
		pattern: ['a', 'b'],
		atEnd: true,
		match: null
	},
	{
		name: 'atEnd never reaches back before start',
		lines: ['a', 'b'],
		pattern: ['a', 'b'],
		start: 1,
		atEnd: true,
		match: null
	},
	{
		name: 'different words match at no level',
		lines: ['foo', 'bar'],
		pattern: ['foo', 'baz'],
		match: null
	},
	{
		name: 'a pattern longer than the file',
		lines: ['a'],
		pattern: ['a', 'b'],
		match: null
	},
	{
		name: 'an empty pattern matches at start',
		lines: ['a', 'b'],
		pattern: [],
		start: 1,
		match: { index: 1, level: 'exact' }
	}
];

describe('seekSequence', () => {
	it.each(cases)('$name', ({ lines, pattern, start = 0, atEnd = false, match }) => {
		expect(seekSequence(lines, pattern, start, atEnd)).toStrictEqual(match);
	});
});
