// A sandbox's files as one blob: a magic line, a JSON table of [path, mode, size], then the
// bytes of every file back to back. Uncompressed: packing runs on the page's thread, and
// most of the size (dependencies) is already-compressed or quick to read back.
import { AppError } from '../http/index.ts';
import type { FileMode, TreeFile } from '../sandbox/index.ts';

const MAGIC = new TextEncoder().encode('PBSNAP1\n');
const MODES: readonly FileMode[] = ['100644', '100755', '120000'];

type Entry = [path: string, mode: FileMode, size: number];

export function packFiles(files: readonly TreeFile[]): Uint8Array {
	const table: Entry[] = files.map((f) => [f.path, f.mode, f.data.length]);
	const header = new TextEncoder().encode(JSON.stringify(table));
	const total = files.reduce((n, f) => n + f.data.length, 0);
	const out = new Uint8Array(MAGIC.length + 4 + header.length + total);
	out.set(MAGIC, 0);
	new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
	out.set(header, MAGIC.length + 4);
	let at = MAGIC.length + 4 + header.length;
	for (const file of files) {
		out.set(file.data, at);
		at += file.data.length;
	}
	return out;
}

/** The files of a packed blob (views into it, not copies); a damaged blob is a typed error. */
export function unpackFiles(blob: Uint8Array): TreeFile[] {
	const corrupt = (why: string) =>
		new AppError('snapshot-corrupt', `The environment snapshot is damaged (${why}).`, '');
	if (blob.length < MAGIC.length + 4 || MAGIC.some((b, i) => blob[i] !== b))
		throw corrupt('not a snapshot');
	const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
	const headerLength = view.getUint32(MAGIC.length, true);
	const start = MAGIC.length + 4;
	if (start + headerLength > blob.length) throw corrupt('truncated table');
	let table: unknown;
	try {
		table = JSON.parse(new TextDecoder().decode(blob.subarray(start, start + headerLength)));
	} catch {
		throw corrupt('unreadable table');
	}
	if (!Array.isArray(table)) throw corrupt('unreadable table');
	const files: TreeFile[] = [];
	let at = start + headerLength;
	for (const entry of table as unknown[]) {
		if (!isEntry(entry)) throw corrupt('bad table entry');
		const [path, mode, size] = entry;
		if (at + size > blob.length) throw corrupt('truncated data');
		files.push({ path, mode, data: blob.subarray(at, at + size) });
		at += size;
	}
	if (at !== blob.length) throw corrupt('trailing data');
	return files;
}

function isEntry(value: unknown): value is Entry {
	return (
		Array.isArray(value) &&
		value.length === 3 &&
		typeof value[0] === 'string' &&
		value[0] !== '' &&
		MODES.includes(value[1] as FileMode) &&
		Number.isSafeInteger(value[2]) &&
		(value[2] as number) >= 0
	);
}
