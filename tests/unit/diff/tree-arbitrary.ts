import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileMode, SandboxFile } from '../../../src/lib/core/diff/index.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Real source files from this repository, split into lines that keep their '\n'. */
function realSources(): string[][] {
	const dirs = ['src/lib/core/diff', 'src/lib/core/sandbox/commands'];
	return dirs.flatMap((dir) =>
		readdirSync(dir)
			.filter((name) => name.endsWith('.ts'))
			.map((name) => readFileSync(join(dir, name), 'utf8').split(/(?<=\n)/))
	);
}

const sources = realSources();

/** Names git must quote or tab-terminate, nested directories, and a file/directory swap. */
export const pathPool = [
	'README.md',
	'src/index.js',
	'src/util/line.js',
	'src/util/word list.js',
	'café.md',
	'ünï/cödé.ts',
	'quo"te.txt',
	'back\\slash.txt',
	'tab\tname.txt',
	'deep/er/still/file.js',
	'swap',
	'swap/inner.txt',
	'bin/tool.sh',
	'assets/logo.bin',
	'link-to-readme',
	'日本語/ファイル.txt'
];

const insertPool = ['', '}', '\t}', '// added', 'const x = 1;', 'ünïcödé ✓', '  return;', '{'];

export type Plan = {
	original: Array<{ path: string; content: Content; mode: FileMode }>;
	edits: Edit[];
	additions: Array<{ path: string; content: Content; mode: FileMode }>;
};

type Content =
	| { kind: 'source'; index: number; start: number; length: number; crlf: boolean; eol: boolean }
	| { kind: 'binary'; bytes: Uint8Array }
	| { kind: 'empty' }
	| { kind: 'link'; target: string };

type LineOp = { at: number; remove: number; insert: string[] };

type Edit = {
	kind: 'keep' | 'lines' | 'eol' | 'crlf' | 'delete' | 'rename' | 'chmod' | 'binary' | 'link';
	ops: LineOp[];
	target: string;
	bytes: Uint8Array;
};

const contentArb: fc.Arbitrary<Content> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('source' as const),
			index: fc.nat(),
			start: fc.nat(),
			length: fc.integer({ min: 1, max: 250 }),
			crlf: fc.boolean(),
			eol: fc.boolean()
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: binaryBytes() })
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('link' as const),
			target: fc.constantFrom('README.md', '../outside', 'dir/with space', 'ünï')
		})
	}
);

function binaryBytes(): fc.Arbitrary<Uint8Array> {
	// A NUL up front makes it binary even when the rest happens to be valid UTF-8.
	return fc.uint8Array({ minLength: 0, maxLength: 400 }).map((rest) => Uint8Array.of(0, ...rest));
}

const fileArb = fc.record({
	path: fc.constantFrom(...pathPool),
	content: contentArb,
	mode: fc.constantFrom<FileMode>('100644', '100644', '100755')
});

const editArb: fc.Arbitrary<Edit> = fc.record({
	kind: fc.constantFrom<Edit['kind']>(
		'keep',
		'lines',
		'lines',
		'lines',
		'eol',
		'crlf',
		'delete',
		'rename',
		'chmod',
		'binary',
		'link'
	),
	ops: fc.array(
		fc.record({
			at: fc.nat(),
			remove: fc.nat({ max: 4 }),
			insert: fc.array(fc.constantFrom(...insertPool), { maxLength: 4 })
		}),
		{ minLength: 1, maxLength: 6 }
	),
	target: fc.constantFrom(...pathPool),
	bytes: binaryBytes()
});

export const planArb: fc.Arbitrary<Plan> = fc.record({
	original: fc.uniqueArray(fileArb, { selector: (file) => file.path, minLength: 1, maxLength: 8 }),
	edits: fc.array(editArb, { minLength: 8, maxLength: 8 }),
	additions: fc.uniqueArray(fileArb, { selector: (file) => file.path, maxLength: 3 })
});

export function contentBytes(content: Content): Uint8Array {
	switch (content.kind) {
		case 'source': {
			const lines = sources[content.index % sources.length]!;
			const start = content.start % lines.length;
			let text = lines.slice(start, start + content.length).join('');
			if (!content.eol) text = text.replace(/\n$/, '');
			return encoder.encode(content.crlf ? text.replace(/\n/g, '\r\n') : text);
		}
		case 'binary':
			return content.bytes;
		case 'empty':
			return new Uint8Array();
		case 'link':
			return encoder.encode(content.target);
	}
}

function materialize(files: Plan['original']): SandboxFile[] {
	return files.map(({ path, content, mode }) => ({
		path,
		mode: content.kind === 'link' ? '120000' : mode,
		bytes: contentBytes(content)
	}));
}

/** The original tree and the edited one, each free of file/directory clashes. */
export function buildTrees(plan: Plan): { before: SandboxFile[]; after: SandboxFile[] } {
	const before = withoutClashes(materialize(plan.original));
	const after = new Map<string, SandboxFile>();
	before.forEach((file, i) => {
		const edited = applyEdit(file, plan.edits[i % plan.edits.length]!, after);
		if (edited) after.set(edited.path, edited);
	});
	for (const file of materialize(plan.additions))
		if (!after.has(file.path)) after.set(file.path, file);
	return { before, after: withoutClashes([...after.values()]) };
}

function applyEdit(
	file: SandboxFile,
	edit: Edit,
	taken: Map<string, SandboxFile>
): SandboxFile | null {
	const text = decoder.decode(file.bytes);
	switch (edit.kind) {
		case 'keep':
			return file;
		case 'delete':
			return null;
		case 'rename':
			return taken.has(edit.target) ? file : { ...file, path: edit.target };
		case 'chmod':
			if (file.mode === '120000') return file;
			return { ...file, mode: file.mode === '100755' ? '100644' : '100755' };
		case 'binary':
			return { ...file, mode: file.mode === '120000' ? '100644' : file.mode, bytes: edit.bytes };
		case 'link':
			return { ...file, mode: '120000', bytes: encoder.encode('some/where') };
		case 'eol':
			return {
				...file,
				bytes: encoder.encode(text.endsWith('\n') ? text.slice(0, -1) : `${text}\n`)
			};
		case 'crlf':
			return {
				...file,
				bytes: encoder.encode(text.replace(/\r?\n/g, (eol) => (eol === '\n' ? '\r\n' : '\n')))
			};
		case 'lines':
			if (file.mode === '120000') return file;
			return { ...file, bytes: encoder.encode(editLines(text, edit.ops)) };
	}
}

function editLines(text: string, ops: LineOp[]): string {
	const lines = text.split(/(?<=\n)/).filter((line) => line !== '');
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	for (const op of ops) {
		const at = op.at % (lines.length + 1);
		lines.splice(at, op.remove, ...op.insert.map((line) => line + eol));
	}
	return lines.join('');
}

/** Drops files whose path is another file's directory, which no real tree can hold. */
function withoutClashes(files: SandboxFile[]): SandboxFile[] {
	const dirs = new Set(files.flatMap((file) => parents(file.path)));
	return files
		.filter((file) => !dirs.has(file.path))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function parents(path: string): string[] {
	const parts = path.split('/');
	return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
