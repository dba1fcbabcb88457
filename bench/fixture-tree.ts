// The bench's fixture repos as pure data: a seeded generator of source-like files, and the edits
// the change-detection benchmark makes. Pure TypeScript, so Node (for git fast-import and the
// native reference) and the bench page (for the sandbox) produce the same bytes from one seed.

export type TreeSize = 'small' | 'medium' | 'large';

/** ~300 files, ~3,000 files (≈20 MB), ~20,000 files (≈150 MB). */
export const treeSizes: Record<TreeSize, { files: number; meanBytes: number }> = {
	small: { files: 300, meanBytes: 6_500 },
	medium: { files: 3_000, meanBytes: 6_700 },
	large: { files: 20_000, meanBytes: 7_500 }
};

export const DEFAULT_SEED = 20_240_601;

export type GeneratedFile = { path: string; bytes: Uint8Array };

/** mulberry32: small, fast, and the same in every JS engine. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const words = (
	'value count index total item list map node tree path file name size data text line ' +
	'state event result error option config buffer stream token cache entry record query ' +
	'handler request response client server module parser writer reader render update'
).split(' ');
const keywords = ['const', 'let', 'return', 'if', 'for', 'await', 'export function', 'type'];

function sourceLine(next: () => number): string {
	const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
	const indent = '\t'.repeat(Math.floor(next() * 3));
	const a = pick(words);
	const b = pick(words);
	switch (Math.floor(next() * 4)) {
		case 0:
			return `${indent}${pick(keywords)} ${a}${b[0]!.toUpperCase()}${b.slice(1)} = ${Math.floor(next() * 10_000)};`;
		case 1:
			return `${indent}// ${a} ${b} ${pick(words)} ${pick(words)} ${pick(words)}`;
		case 2:
			return `${indent}${a}.${b}(${pick(words)}, '${pick(words)}-${Math.floor(next() * 100)}');`;
		default:
			return `${indent}if (${a} !== ${b}) return ${pick(words)};`;
	}
}

/** File `index` of a tree: `pkg-NN/mod-NN/file-NNNNN.ts`, about 20 files a folder. */
function filePath(index: number): string {
	const dir = Math.floor(index / 20);
	const pkg = String(Math.floor(dir / 25)).padStart(3, '0');
	const mod = String(dir % 25).padStart(2, '0');
	return `src/pkg-${pkg}/mod-${mod}/file-${String(index).padStart(5, '0')}.ts`;
}

/** The files of a tree, in path order, generated from `seed`. */
export function generateTree(size: TreeSize, seed = DEFAULT_SEED): GeneratedFile[] {
	const { files, meanBytes } = treeSizes[size];
	const next = random(seed ^ files);
	const encoder = new TextEncoder();
	const out: GeneratedFile[] = [
		{
			path: 'README.md',
			bytes: encoder.encode(`# bench-${size}\n\nGenerated from seed ${seed}.\n`)
		}
	];
	for (let index = 0; index < files - 1; index++) {
		// Sizes spread from a tenth to twice the mean, like a real tree's mix.
		const target = meanBytes * (0.1 + next() * 1.8);
		const lines: string[] = [];
		let length = 0;
		while (length < target) {
			const line = sourceLine(next);
			lines.push(line);
			length += line.length + 1;
		}
		out.push({ path: filePath(index), bytes: encoder.encode(`${lines.join('\n')}\n`) });
	}
	return out;
}

/** Which files `changedCount` edits touch: spread evenly over the tree, never README.md. */
export function editedIndices(total: number, changedCount: number): number[] {
	const count = Math.min(changedCount, total - 1);
	return Array.from({ length: count }, (_, i) => 1 + Math.floor((i * (total - 1)) / count));
}

/** One file's edit: its third line rewritten and a line added at the end. */
export function editFile(bytes: Uint8Array, salt: number): Uint8Array {
	const lines = new TextDecoder().decode(bytes).split('\n');
	lines[2] = `\tconst edited${salt} = ${salt}; // changed by the bench`;
	lines.splice(lines.length - 1, 0, `// appended ${salt}`);
	return new TextEncoder().encode(lines.join('\n'));
}

export function treeBytes(files: GeneratedFile[]): number {
	return files.reduce((sum, file) => sum + file.bytes.length, 0);
}
