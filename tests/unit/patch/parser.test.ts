import { describe, expect, it } from 'vitest';
import { parsePatch, type PatchOp } from '../../../src/lib/core/patch/index.ts';
import { caught } from './caught.ts';

const lines = (...text: string[]) => text.join('\n');
const wrap = (...body: string[]) => lines('*** Begin Patch', ...body, '*** End Patch');

const FIX = 'Nothing was changed. Fix the patch and send it again.';

const parsed: { name: string; text: string; ops: PatchOp[] }[] = [
	{
		name: 'Add File: every + line is a line of the new file',
		text: wrap('*** Add File: src/hello.ts', '+export const a = 1;', '+', '+// end'),
		ops: [{ type: 'add', path: 'src/hello.ts', contents: 'export const a = 1;\n\n// end\n' }]
	},
	{
		name: 'Delete File',
		text: wrap('*** Delete File: old.txt'),
		ops: [{ type: 'delete', path: 'old.txt' }]
	},
	{
		name: 'Update File with a bare @@ hunk',
		text: wrap('*** Update File: a.py', '@@', ' def f():', '-    pass', '+    return 1'),
		ops: [
			{
				type: 'update',
				path: 'a.py',
				hunks: [
					{ contexts: [], lines: [' def f():', '-    pass', '+    return 1'], endOfFile: false }
				]
			}
		]
	},
	{
		name: 'the first hunk may omit @@',
		text: wrap('*** Update File: a.py', ' import os', '+import sys'),
		ops: [
			{
				type: 'update',
				path: 'a.py',
				hunks: [{ contexts: [], lines: [' import os', '+import sys'], endOfFile: false }]
			}
		]
	},
	{
		name: 'Move to after Update File',
		text: wrap('*** Update File: src/old.ts', '*** Move to: lib/new.ts', '@@', '-a', '+b'),
		ops: [
			{
				type: 'update',
				path: 'src/old.ts',
				movePath: 'lib/new.ts',
				hunks: [{ contexts: [], lines: ['-a', '+b'], endOfFile: false }]
			}
		]
	},
	{
		name: '@@ <line> names a line to seek first; chained @@ lines are sought in order',
		text: wrap(
			'*** Update File: a.py',
			'@@ class Base:',
			'@@     def run(self):',
			'-        return 1',
			'+        return 2'
		),
		ops: [
			{
				type: 'update',
				path: 'a.py',
				hunks: [
					{
						contexts: ['class Base:', '    def run(self):'],
						lines: ['-        return 1', '+        return 2'],
						endOfFile: false
					}
				]
			}
		]
	},
	{
		name: 'several hunks, blank lines between them, an empty line as empty context',
		text: wrap('*** Update File: a.txt', '@@ one', '-x', '', '+y', '', '@@ two', '-z', '+w'),
		ops: [
			{
				type: 'update',
				path: 'a.txt',
				hunks: [
					{ contexts: ['one'], lines: ['-x', ' ', '+y', ' '], endOfFile: false },
					{ contexts: ['two'], lines: ['-z', '+w'], endOfFile: false }
				]
			}
		]
	},
	{
		name: '*** End of File anchors the hunk at the end',
		text: wrap('*** Update File: a.txt', '@@', ' last', '+appended', '*** End of File'),
		ops: [
			{
				type: 'update',
				path: 'a.txt',
				hunks: [{ contexts: [], lines: [' last', '+appended'], endOfFile: true }]
			}
		]
	},
	{
		name: 'a git-style range header keeps only the text after it, as the line to seek',
		text: wrap(
			'*** Update File: a.rs',
			'@@ -10,3 +10,3 @@ fn main() {',
			'-a',
			'+b',
			'@@ -20 +20 @@',
			'-c'
		),
		ops: [
			{
				type: 'update',
				path: 'a.rs',
				hunks: [
					{ contexts: ['fn main() {'], lines: ['-a', '+b'], endOfFile: false },
					{ contexts: [], lines: ['-c'], endOfFile: false }
				]
			}
		]
	},
	{
		name: 'several operations in order',
		text: wrap(
			'*** Add File: n.txt',
			'+new',
			'*** Update File: m.txt',
			'@@',
			'-old',
			'+new',
			'*** Delete File: d.txt'
		),
		ops: [
			{ type: 'add', path: 'n.txt', contents: 'new\n' },
			{
				type: 'update',
				path: 'm.txt',
				hunks: [{ contexts: [], lines: ['-old', '+new'], endOfFile: false }]
			},
			{ type: 'delete', path: 'd.txt' }
		]
	},
	{
		name: "a heredoc around the patch (<<'EOF' … EOF) is unwrapped",
		text: lines("<<'EOF'", '*** Begin Patch', '*** Delete File: a.txt', '*** End Patch', 'EOF', ''),
		ops: [{ type: 'delete', path: 'a.txt' }]
	},
	{
		name: 'so is `apply_patch <<"PATCH"` … PATCH',
		text: lines(
			'apply_patch <<"PATCH"',
			'*** Begin Patch',
			'*** Delete File: a.txt',
			'*** End Patch',
			'PATCH'
		),
		ops: [{ type: 'delete', path: 'a.txt' }]
	},
	{
		name: 'CRLF patch text, padded markers and surrounding blank lines',
		text: '\r\n  *** Begin Patch \r\n  *** Add File: a.txt\r\n+x\r\n *** End Patch\r\n\r\n',
		ops: [{ type: 'add', path: 'a.txt', contents: 'x\n' }]
	},
	{
		name: 'paths are normalised',
		text: wrap(
			'*** Delete File: ./src//a.ts',
			'*** Update File: src/x/../b.ts',
			'*** Move to: ./c.ts',
			'@@',
			'-a'
		),
		ops: [
			{ type: 'delete', path: 'src/a.ts' },
			{
				type: 'update',
				path: 'src/b.ts',
				movePath: 'c.ts',
				hunks: [{ contexts: [], lines: ['-a'], endOfFile: false }]
			}
		]
	}
];

const rejected: { name: string; text: string; code: string; message: string }[] = [
	{
		name: 'no Begin Patch',
		text: lines('*** Add File: a.txt', '+x', '*** End Patch'),
		code: 'missing-begin',
		message: "Invalid patch: the first line must be '*** Begin Patch'."
	},
	{
		name: 'empty text',
		text: '  \n',
		code: 'missing-begin',
		message: "Invalid patch: the first line must be '*** Begin Patch'."
	},
	{
		name: 'a heredoc whose closing word does not match is not unwrapped',
		text: lines("<<'EOF'", '*** Begin Patch', '*** Delete File: a.txt', '*** End Patch', 'END'),
		code: 'missing-begin',
		message: "Invalid patch: the first line must be '*** Begin Patch'."
	},
	{
		name: 'no End Patch',
		text: lines('*** Begin Patch', '*** Add File: a.txt', '+x'),
		code: 'missing-end',
		message: "Invalid patch: the last line must be '*** End Patch'."
	},
	{
		name: 'only Begin Patch',
		text: '*** Begin Patch\n',
		code: 'missing-end',
		message: "Invalid patch: the last line must be '*** End Patch'."
	},
	{
		name: 'no operations',
		text: wrap(''),
		code: 'empty-patch',
		message:
			"Invalid patch: there are no file operations between '*** Begin Patch' and '*** End Patch'."
	},
	{
		name: 'unknown header',
		text: wrap('*** Create File: a.txt', '+x'),
		code: 'unknown-header',
		message:
			"Invalid patch at line 2: '*** Create File: a.txt' is not a valid file header; expected " +
			"'*** Add File: <path>', '*** Delete File: <path>' or '*** Update File: <path>'."
	},
	{
		name: 'a hunk without a file header (line numbers count the heredoc line)',
		text: lines("<<'EOF'", '*** Begin Patch', '@@', '-x', '*** End Patch', 'EOF'),
		code: 'unknown-header',
		message:
			"Invalid patch at line 3: '@@' is not a valid file header; expected " +
			"'*** Add File: <path>', '*** Delete File: <path>' or '*** Update File: <path>'."
	},
	{
		name: 'an Add File line without + ends the file; the line after is no header',
		text: wrap('*** Add File: a.txt', '+one', 'two'),
		code: 'unknown-header',
		message:
			"Invalid patch at line 4: 'two' is not a valid file header; expected " +
			"'*** Add File: <path>', '*** Delete File: <path>' or '*** Update File: <path>'."
	},
	{
		name: 'empty Add File',
		text: wrap('*** Add File: a.txt'),
		code: 'empty-add',
		message:
			"Invalid patch at line 2: '*** Add File: a.txt' has no lines; every line of a new file starts with '+'."
	},
	{
		name: 'Update File without hunks',
		text: wrap('*** Update File: a.txt', '*** Delete File: b.txt'),
		code: 'empty-update',
		message:
			"Invalid patch at line 2: '*** Update File: a.txt' has no hunks; follow it with '@@' and ' ', '-', '+' lines."
	},
	{
		name: 'a hunk with only its @@ line',
		text: wrap('*** Update File: a.txt', '@@', '-x', '@@ def f():'),
		code: 'empty-hunk',
		message:
			"Invalid patch at line 5: the hunk has no lines; after '@@' give ' ' (context), '-' (remove) and '+' (add) lines."
	},
	{
		name: 'End of File right after @@',
		text: wrap('*** Update File: a.txt', '@@', '*** End of File'),
		code: 'empty-hunk',
		message:
			"Invalid patch at line 3: the hunk has no lines; after '@@' give ' ' (context), '-' (remove) and '+' (add) lines."
	},
	{
		name: 'a hunk line with no prefix',
		text: wrap('*** Update File: a.txt', '@@', ' keep', 'bare line', '+x'),
		code: 'bad-hunk-line',
		message:
			"Invalid patch at line 5: unexpected line 'bare line' in a hunk; every hunk line starts with ' ' (context), '-' (remove) or '+' (add)."
	},
	{
		name: 'an @ line that is no @@ header',
		text: wrap('*** Update File: a.txt', '@@x', '-a'),
		code: 'bad-hunk-line',
		message:
			"Invalid patch at line 3: unexpected line '@@x' in a hunk; every hunk line starts with ' ' (context), '-' (remove) or '+' (add)."
	},
	{
		name: 'Move to without Update File',
		text: wrap('*** Add File: a.txt', '+x', '*** Move to: b.txt'),
		code: 'move-without-update',
		message:
			"Invalid patch at line 4: '*** Move to: b.txt' must directly follow an '*** Update File: <path>' line."
	},
	{
		name: 'Move to after a hunk',
		text: wrap('*** Update File: a.txt', '@@', '-x', '*** Move to: b.txt'),
		code: 'move-without-update',
		message:
			"Invalid patch at line 5: '*** Move to: b.txt' must directly follow an '*** Update File: <path>' line."
	},
	{
		name: 'absolute path',
		text: wrap('*** Delete File: /etc/passwd'),
		code: 'absolute-path',
		message:
			"Invalid patch at line 2: '/etc/passwd' is an absolute path; use a path relative to the repository root."
	},
	{
		name: 'absolute Windows path as a move target',
		text: wrap('*** Update File: a.txt', '*** Move to: C:\\work\\a.txt', '@@', '-x'),
		code: 'absolute-path',
		message:
			"Invalid patch at line 3: 'C:\\work\\a.txt' is an absolute path; use a path relative to the repository root."
	},
	{
		name: '.. leaving the repository',
		text: wrap('*** Add File: ../secrets.txt', '+x'),
		code: 'path-escapes',
		message:
			"Invalid patch at line 2: '../secrets.txt' leads outside the repository; use a path inside it."
	},
	{
		name: '.. leaving the repository from a subfolder',
		text: wrap('*** Update File: src/../../a.txt', '@@', '-x'),
		code: 'path-escapes',
		message:
			"Invalid patch at line 2: 'src/../../a.txt' leads outside the repository; use a path inside it."
	},
	{
		name: 'no path',
		text: wrap('*** Delete File:'),
		code: 'empty-path',
		message: "Invalid patch at line 2: '*** Delete File:' needs a path."
	},
	{
		name: 'a path naming no file',
		text: wrap('*** Delete File: src/..'),
		code: 'empty-path',
		message: "Invalid patch at line 2: 'src/..' does not name a file."
	}
];

describe('parsePatch', () => {
	it.each(parsed)('$name', ({ text, ops }) => {
		expect(parsePatch(text)).toStrictEqual(ops);
	});

	it.each(rejected)('rejects: $name', async ({ text, code, message }) => {
		expect(await caught(() => parsePatch(text))).toEqual({
			name: 'PatchError',
			code,
			message,
			hint: FIX
		});
	});
});
