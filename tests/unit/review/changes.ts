// FileChange fixtures shared by the review tests: every kind of section formatPatch writes.
import type { FileChange } from '../../../src/lib/core/diff/index.ts';

export const text = (value: string) => new TextEncoder().encode(value);
export const numbered = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

export function everyKind(): FileChange[] {
	return [
		{
			path: 'two-hunks.txt',
			before: text(numbered(1, 30)),
			after: text(numbered(1, 30).replace('line 3\n', 'line three\n').replace('line 25\n', ''))
		},
		{ path: 'added file.txt', before: null, after: text('new\n') },
		{ path: 'gone.txt', before: text('bye\nbye\n'), after: null },
		{ path: 'run.sh', before: text('echo\n'), after: text('echo\n'), afterMode: '100755' },
		{
			path: 'new name.txt',
			oldPath: 'old name.txt',
			before: text('same\n'),
			after: text('same\n')
		},
		{
			path: 'src/moved.ts',
			oldPath: 'lib/moved.ts',
			before: text(numbered(1, 20)),
			after: text(numbered(1, 20).replace('line 10\n', 'line ten\n'))
		},
		{ path: 'image.png', before: null, after: new Uint8Array([137, 80, 78, 71, 0, 1, 2, 3]) },
		{ path: 'blob.bin', before: new Uint8Array([0, 1, 2]), after: new Uint8Array([0, 1, 3]) },
		{
			path: 'link-to-file',
			before: text('elsewhere'),
			beforeMode: '120000',
			after: text('now a file\n'),
			afterMode: '100644'
		},
		{ path: 'café "quoted"\ttab.txt', before: text('crème\n'), after: text('brûlée\n') },
		{ path: 'no-eol.txt', before: text('first\nlast'), after: text('first\nlast!') }
	];
}
