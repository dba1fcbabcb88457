import { describe, expect, it } from 'vitest';
import {
	applyPatch,
	formatSummary,
	type AppliedChange,
	type FileAccess
} from '../../../src/lib/core/patch/index.ts';
import { caught } from './caught.ts';
import { memoryFiles } from './memory-files.ts';

const lines = (...text: string[]) => text.join('\n');
const wrap = (...body: string[]) => lines('*** Begin Patch', ...body, '*** End Patch');

const CONTEXT_HINT =
	'Nothing was changed. Read the file again and copy the context and removed lines from it exactly.';

const applied: {
	name: string;
	files: Record<string, string>;
	patch: string;
	changes: AppliedChange[];
	after: Record<string, string>;
}[] = [
	{
		name: 'add',
		files: { 'keep.txt': 'k\n' },
		patch: wrap('*** Add File: src/new.ts', '+export {};', '+'),
		changes: [{ type: 'add', path: 'src/new.ts', after: 'export {};\n\n' }],
		after: { 'keep.txt': 'k\n', 'src/new.ts': 'export {};\n\n' }
	},
	{
		name: 'delete',
		files: { 'old.txt': 'bye\n', 'keep.txt': 'k\n' },
		patch: wrap('*** Delete File: old.txt'),
		changes: [{ type: 'delete', path: 'old.txt', before: 'bye\n' }],
		after: { 'keep.txt': 'k\n' }
	},
	{
		name: 'update, first hunk without @@',
		files: { 'a.py': 'import os\n\nprint(1)\n' },
		patch: wrap('*** Update File: a.py', ' import os', '+import sys', ' '),
		changes: [
			{
				type: 'update',
				path: 'a.py',
				before: 'import os\n\nprint(1)\n',
				after: 'import os\nimport sys\n\nprint(1)\n'
			}
		],
		after: { 'a.py': 'import os\nimport sys\n\nprint(1)\n' }
	},
	{
		name: 'multiple hunks in one file',
		files: { 'm.txt': 'a\nb\nc\nd\ne\nf\n' },
		patch: wrap('*** Update File: m.txt', '@@', ' a', '-b', '+B', '@@', ' e', '-f', '+F', '+g'),
		changes: [
			{
				type: 'update',
				path: 'm.txt',
				before: 'a\nb\nc\nd\ne\nf\n',
				after: 'a\nB\nc\nd\ne\nF\ng\n'
			}
		],
		after: { 'm.txt': 'a\nB\nc\nd\ne\nF\ng\n' }
	},
	{
		name: '@@ <line> seeks that line first, so the second of two identical bodies changes',
		files: { 'f.js': 'function one() {\n\treturn 0;\n}\nfunction two() {\n\treturn 0;\n}\n' },
		patch: wrap('*** Update File: f.js', '@@ function two() {', '-\treturn 0;', '+\treturn 2;'),
		changes: [
			{
				type: 'update',
				path: 'f.js',
				before: 'function one() {\n\treturn 0;\n}\nfunction two() {\n\treturn 0;\n}\n',
				after: 'function one() {\n\treturn 0;\n}\nfunction two() {\n\treturn 2;\n}\n'
			}
		],
		after: { 'f.js': 'function one() {\n\treturn 0;\n}\nfunction two() {\n\treturn 2;\n}\n' }
	},
	{
		name: 'chained @@ lines narrow down: class B, then its run()',
		files: {
			'c.py':
				'class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 1\n'
		},
		patch: wrap(
			'*** Update File: c.py',
			'@@ class B:',
			'@@     def run(self):',
			'-        return 1',
			'+        return 2'
		),
		changes: [
			{
				type: 'update',
				path: 'c.py',
				before:
					'class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 1\n',
				after:
					'class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 2\n'
			}
		],
		after: {
			'c.py':
				'class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 2\n'
		}
	},
	{
		name: 'End of File anchors the hunk at the last lines, not the first match',
		files: { 't.txt': 'x\nend\nx\nend\n' },
		patch: wrap('*** Update File: t.txt', '@@', ' x', '-end', '+END', '*** End of File'),
		changes: [
			{ type: 'update', path: 't.txt', before: 'x\nend\nx\nend\n', after: 'x\nend\nx\nEND\n' }
		],
		after: { 't.txt': 'x\nend\nx\nEND\n' }
	},
	{
		name: 'a pure addition under a bare @@ is appended at the end',
		files: { 'p.txt': 'one\ntwo\n' },
		patch: wrap('*** Update File: p.txt', '@@', '+three'),
		changes: [{ type: 'update', path: 'p.txt', before: 'one\ntwo\n', after: 'one\ntwo\nthree\n' }],
		after: { 'p.txt': 'one\ntwo\nthree\n' }
	},
	{
		name: 'a pure addition followed by a blank line is still appended at the end',
		files: { 'p.txt': 'one\ntwo\n' },
		patch: wrap('*** Update File: p.txt', '@@', '+three', ''),
		changes: [{ type: 'update', path: 'p.txt', before: 'one\ntwo\n', after: 'one\ntwo\nthree\n' }],
		after: { 'p.txt': 'one\ntwo\nthree\n' }
	},
	{
		name: 'a pure addition under @@ <line> goes right below that line',
		files: { 'p.txt': 'one\ntwo\n' },
		patch: wrap('*** Update File: p.txt', '@@ one', '+one and a half'),
		changes: [
			{ type: 'update', path: 'p.txt', before: 'one\ntwo\n', after: 'one\none and a half\ntwo\n' }
		],
		after: { 'p.txt': 'one\none and a half\ntwo\n' }
	},
	{
		name: 'trim-end: a context line matched despite trailing spaces keeps them',
		files: { 'w.ts': 'function a() {  \n\treturn 1;\n}\n' },
		patch: wrap('*** Update File: w.ts', '@@', ' function a() {', '-\treturn 1;', '+\treturn 2;'),
		changes: [
			{
				type: 'update',
				path: 'w.ts',
				before: 'function a() {  \n\treturn 1;\n}\n',
				after: 'function a() {  \n\treturn 2;\n}\n'
			}
		],
		after: { 'w.ts': 'function a() {  \n\treturn 2;\n}\n' }
	},
	{
		name: 'trim: lines written without their indentation still match; context keeps its indent',
		files: { 'i.ts': '\t\tif (x) {\n\t\t\ty();\n\t\t}\n' },
		patch: wrap('*** Update File: i.ts', '@@', ' if (x) {', '-y();', '+\t\t\tz();', ' }'),
		changes: [
			{
				type: 'update',
				path: 'i.ts',
				before: '\t\tif (x) {\n\t\t\ty();\n\t\t}\n',
				after: '\t\tif (x) {\n\t\t\tz();\n\t\t}\n'
			}
		],
		after: { 'i.ts': '\t\tif (x) {\n\t\t\tz();\n\t\t}\n' }
	},
	{
		name: 'unicode: ASCII quotes and dashes match typographic ones; context keeps them',
		files: { 'u.md': 'Say “hi” — it’s\u00A0fine.\nold\n' },
		patch: wrap('*** Update File: u.md', '@@', ' Say "hi" - it\'s fine.', '-old', '+new'),
		changes: [
			{
				type: 'update',
				path: 'u.md',
				before: 'Say “hi” — it’s\u00A0fine.\nold\n',
				after: 'Say “hi” — it’s\u00A0fine.\nnew\n'
			}
		],
		after: { 'u.md': 'Say “hi” — it’s\u00A0fine.\nnew\n' }
	},
	{
		name: 'move with a change',
		files: { 'src/old.ts': 'a\nb\n', 'other.ts': 'o\n' },
		patch: wrap('*** Update File: src/old.ts', '*** Move to: lib/new.ts', '@@', ' a', '-b', '+c'),
		changes: [
			{
				type: 'update',
				path: 'src/old.ts',
				movePath: 'lib/new.ts',
				before: 'a\nb\n',
				after: 'a\nc\n'
			}
		],
		after: { 'other.ts': 'o\n', 'lib/new.ts': 'a\nc\n' }
	},
	{
		name: 'CRLF file: stays CRLF, added lines too',
		files: { 'w.txt': 'one\r\ntwo\r\nthree\r\n' },
		patch: wrap('*** Update File: w.txt', '@@', ' one', '-two', '+TWO', '+2'),
		changes: [
			{
				type: 'update',
				path: 'w.txt',
				before: 'one\r\ntwo\r\nthree\r\n',
				after: 'one\r\nTWO\r\n2\r\nthree\r\n'
			}
		],
		after: { 'w.txt': 'one\r\nTWO\r\n2\r\nthree\r\n' }
	},
	{
		name: 'a CRLF patch on an LF file writes LF',
		files: { 'l.txt': 'one\ntwo\n' },
		patch: '*** Begin Patch\r\n*** Update File: l.txt\r\n@@\r\n-two\r\n+2\r\n*** End Patch\r\n',
		changes: [{ type: 'update', path: 'l.txt', before: 'one\ntwo\n', after: 'one\n2\n' }],
		after: { 'l.txt': 'one\n2\n' }
	},
	{
		name: 'a file without a final newline gets one',
		files: { 'n.txt': 'a\nb', 'crlf.txt': 'a\r\nb' },
		patch: wrap(
			'*** Update File: n.txt',
			'@@',
			'-a',
			'+A',
			'*** Update File: crlf.txt',
			'@@',
			'-b',
			'+B'
		),
		changes: [
			{ type: 'update', path: 'n.txt', before: 'a\nb', after: 'A\nb\n' },
			{ type: 'update', path: 'crlf.txt', before: 'a\r\nb', after: 'a\r\nB\r\n' }
		],
		after: { 'n.txt': 'A\nb\n', 'crlf.txt': 'a\r\nB\r\n' }
	},
	{
		name: 'removing every line leaves an empty file',
		files: { 'e.txt': 'only\n' },
		patch: wrap('*** Update File: e.txt', '@@', '-only'),
		changes: [{ type: 'update', path: 'e.txt', before: 'only\n', after: '' }],
		after: { 'e.txt': '' }
	},
	{
		name: "a trailing blank line in the hunk (the patch's own newline) is not required in the file",
		files: { 'b.txt': 'a\nz\n' },
		patch: wrap('*** Update File: b.txt', '@@', '-a', '+b', ''),
		changes: [{ type: 'update', path: 'b.txt', before: 'a\nz\n', after: 'b\nz\n' }],
		after: { 'b.txt': 'b\nz\n' }
	},
	{
		name: 'later operations see what earlier ones did to the same file',
		files: { 'x.txt': 'old\n' },
		patch: wrap(
			'*** Delete File: x.txt',
			'*** Add File: x.txt',
			'+fresh',
			'*** Update File: x.txt',
			'@@',
			'-fresh',
			'+fresher'
		),
		changes: [
			{ type: 'delete', path: 'x.txt', before: 'old\n' },
			{ type: 'add', path: 'x.txt', after: 'fresh\n' },
			{ type: 'update', path: 'x.txt', before: 'fresh\n', after: 'fresher\n' }
		],
		after: { 'x.txt': 'fresher\n' }
	}
];

describe('applyPatch', () => {
	it.each(applied)('$name', async ({ files, patch, changes, after }) => {
		const memory = memoryFiles(files);
		expect(await applyPatch(patch, memory.access)).toStrictEqual(changes);
		expect(memory.snapshot()).toStrictEqual(after);
	});

	it('writes only at the end, each file once, removals last', async () => {
		const memory = memoryFiles({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'g\n' });
		const patch = wrap(
			'*** Delete File: gone.txt',
			'*** Update File: a.txt',
			'*** Move to: c.txt',
			'@@',
			'-a',
			'+A',
			'*** Update File: b.txt',
			'@@',
			'-b',
			'+B1',
			'*** Update File: b.txt',
			'@@',
			'-B1',
			'+B2'
		);
		await applyPatch(patch, memory.access);
		expect(memory.log).toStrictEqual([
			'write c.txt',
			'write b.txt',
			'remove gone.txt',
			'remove a.txt'
		]);
		expect(memory.snapshot()).toStrictEqual({ 'b.txt': 'B2\n', 'c.txt': 'A\n' });
	});
});

const refused: {
	name: string;
	files: Record<string, string>;
	patch: string;
	error: { code: string; message: string; hint: string };
}[] = [
	{
		name: 'a failing hunk in the second file leaves the first file unwritten',
		files: { 'a.txt': 'a\n', 'src/b.ts': 'foo()\nbaz()\n' },
		patch: wrap(
			'*** Update File: a.txt',
			'@@',
			'-a',
			'+A',
			'*** Update File: src/b.ts',
			'@@',
			' foo()',
			'-bar()',
			'+qux()'
		),
		error: {
			code: 'context-not-found',
			message: 'Failed to find context in src/b.ts (hunk 1): expected lines:\n  foo()\n  bar()',
			hint: CONTEXT_HINT
		}
	},
	{
		name: 'hunk 2 searches only below hunk 1',
		files: { 'src/a.ts': 'foo()\nbar()\nx()\ny()\n' },
		patch: wrap('*** Update File: src/a.ts', '@@', '-x()', '+X()', '@@', ' foo()', '-bar()'),
		error: {
			code: 'context-not-found',
			message:
				'Failed to find context in src/a.ts (hunk 2): expected lines after line 3:\n  foo()\n  bar()',
			hint: CONTEXT_HINT
		}
	},
	{
		name: 'End of File lines that are not the last lines',
		files: { 't.txt': 'a\nb\nc\n' },
		patch: wrap('*** Update File: t.txt', '@@', '-b', '+B', '*** End of File'),
		error: {
			code: 'context-not-found',
			message:
				'Failed to find context in t.txt (hunk 1): expected lines at the end of the file:\n  b',
			hint: CONTEXT_HINT
		}
	},
	{
		name: 'an @@ line that is not in the file',
		files: { 'f.js': 'function one() {}\n' },
		patch: wrap('*** Update File: f.js', '@@ function two() {', '-x', '+y'),
		error: {
			code: 'anchor-not-found',
			message: 'Failed to find context in f.js (hunk 1): expected the @@ line:\n  function two() {',
			hint: CONTEXT_HINT
		}
	},
	{
		name: 'a chained @@ line after the first one',
		files: { 'c.py': 'class A:\n    pass\nclass B:\n    pass\n' },
		patch: wrap('*** Update File: c.py', '@@ class B:', '@@ class A:', '-    pass'),
		error: {
			code: 'anchor-not-found',
			message:
				'Failed to find context in c.py (hunk 1): expected the @@ line after line 3:\n  class A:',
			hint: CONTEXT_HINT
		}
	},
	{
		name: 'Add File on an existing file',
		files: { 'a.txt': 'a\n' },
		patch: wrap('*** Add File: a.txt', '+b'),
		error: {
			code: 'add-exists',
			message:
				"Cannot add a.txt: the file already exists. Use '*** Update File: a.txt' to change it.",
			hint: 'Nothing was changed.'
		}
	},
	{
		name: 'Update File on a missing file',
		files: {},
		patch: wrap('*** Update File: a.txt', '@@', '-a'),
		error: {
			code: 'update-missing',
			message:
				"Cannot update a.txt: the file does not exist. Use '*** Add File: a.txt' to create it.",
			hint: 'Nothing was changed.'
		}
	},
	{
		name: 'Delete File on a missing file (after adding another)',
		files: {},
		patch: wrap('*** Add File: new.txt', '+n', '*** Delete File: a.txt'),
		error: {
			code: 'delete-missing',
			message: 'Cannot delete a.txt: the file does not exist.',
			hint: 'Nothing was changed.'
		}
	},
	{
		name: 'Move onto an existing file',
		files: { 'a.txt': 'a\n', 'b.txt': 'b\n' },
		patch: wrap('*** Update File: a.txt', '*** Move to: b.txt', '@@', '-a', '+A'),
		error: {
			code: 'move-exists',
			message: 'Cannot move a.txt to b.txt: b.txt already exists.',
			hint: 'Nothing was changed.'
		}
	},
	{
		name: 'a malformed patch',
		files: { 'a.txt': 'a\n' },
		patch: wrap('*** Update File: a.txt'),
		error: {
			code: 'empty-update',
			message:
				"Invalid patch at line 2: '*** Update File: a.txt' has no hunks; follow it with '@@' and ' ', '-', '+' lines.",
			hint: 'Nothing was changed. Fix the patch and send it again.'
		}
	}
];

describe('applyPatch refuses', () => {
	it.each(refused)('$name', async ({ files, patch, error }) => {
		const memory = memoryFiles(files);
		expect(await caught(() => applyPatch(patch, memory.access))).toEqual({
			name: 'PatchError',
			...error
		});
		expect(memory.log).toStrictEqual([]);
		expect(memory.snapshot()).toStrictEqual(files);
	});

	it('reports a failing write with the file it was writing', async () => {
		const failing: FileAccess = {
			read: async () => 'a\n',
			write: async () => {
				throw new Error('EROFS: read-only file system');
			},
			remove: async () => {}
		};
		const patch = wrap('*** Update File: a.txt', '@@', '-a', '+b');
		const { cause, ...error } = await caught(() => applyPatch(patch, failing));
		expect(error).toEqual({
			name: 'PatchError',
			code: 'write-failed',
			message: 'Failed to write a.txt: EROFS: read-only file system',
			hint: 'Files earlier in the patch may already be changed; read them before retrying.'
		});
		expect(cause).toStrictEqual(new Error('EROFS: read-only file system'));
	});
});

describe('formatSummary', () => {
	it('lists added, then modified (moves under their new path), then deleted files', () => {
		const changes: AppliedChange[] = [
			{ type: 'delete', path: 'd.txt', before: '' },
			{ type: 'update', path: 'm.txt', before: '', after: '' },
			{ type: 'add', path: 'a.txt', after: '' },
			{ type: 'update', path: 'old.txt', movePath: 'new.txt', before: '', after: '' }
		];
		expect(formatSummary(changes)).toBe(
			'Success. Updated the following files:\nA a.txt\nM m.txt\nM new.txt\nD d.txt'
		);
	});
});
