// The repository most tests use, and one script of edits that touches every kind of change:
// modified, appended, deleted, mode change, rename, new files in new and tracked folders,
// binary, symlink retargeted, file turned symlink, a name with a space, ignored files.
import { file, lines } from './fixture.ts';

export const BASE = [
	file('.gitignore', '*.log\nbuild/\nnode_modules/\n'),
	file('README.md', '# Demo\n\nSome text.\n'),
	file('a b.txt', 'spaced\n'),
	file('bin/tool', '#!/bin/sh\necho tool\n', '100755'),
	file('docs/guide.md', lines(1, 40)),
	file('image.bin', new Uint8Array([0, 1, 2, 3, 255])),
	file('link', 'README.md', '120000'),
	file('src/app.ts', lines(1, 20)),
	file('src/old-name.ts', 'export const moved = true;\n'),
	file('src/util/strings.ts', 'export const a = 1;\n'),
	file('to-delete.txt', 'bye\n')
];

export const EDITS = [
	"printf 'line 1\\nline 2\\nchanged 3\\n' > docs/guide.md",
	"echo 'appended' >> src/app.ts",
	'rm to-delete.txt',
	'chmod +x README.md',
	'mv src/old-name.ts src/new-name.ts',
	'mkdir -p newdir/deep && echo n > newdir/deep/n.txt',
	'echo u > src/util/extra.ts',
	"printf '\\x00\\x01\\x02' > image.bin",
	'rm link && ln -s docs/guide.md link',
	"echo 'spaced more' >> 'a b.txt'",
	'rm bin/tool && ln -s ../README.md bin/tool',
	'echo x > debug.log && mkdir -p build node_modules/pkg',
	'echo y > build/out.js && echo z > node_modules/pkg/index.js'
].join('\n');
