// A small, bounded reader of tar streams, for the archives `git archive` writes (GitLab serves
// its repository archive that way): ustar headers with the `prefix` field, pax extended headers
// (`x`: path, linkpath, size; `g`: git's global header, whose `comment` is the commit), GNU long
// names (`L`, `K`) for archives made otherwise. Every header's checksum is checked, every number
// must be a number, and the archive must end with its zero block: anything else, and anything
// over the limits, is refused with `TarError` rather than read on.
import { AppError } from '../../http/index.ts';

export type TarEntry = {
	/** As written in the archive (prefix included), without a trailing `/`. */
	path: string;
	type: 'file' | 'symlink' | 'directory' | 'other';
	/** The permission bits (`0o755`, `0o644`). */
	mode: number;
	/** A file's bytes; a symlink's target as bytes (what git stores as its blob); else empty. */
	bytes: Uint8Array;
	/** The pax records that applied to it (for git's global header: its own, `comment`). */
	pax: Record<string, string>;
};

export type TarLimits = {
	maxEntries: number;
	/**
	 * Data read into memory for one entry (and a pax or GNU header); a larger file or symlink is
	 * passed over unread and given as type `other`, for the caller to fetch another way.
	 */
	maxEntryBytes: number;
	/** All entries' data together. */
	maxTotalBytes: number;
};

export class TarError extends AppError {
	constructor(message: string) {
		super(
			'archive-malformed',
			message,
			'The archive is not a tar stream Patchbay can read; the files are fetched one by one instead.'
		);
		this.name = 'TarError';
	}
}

const BLOCK = 512;
const decoder = new TextDecoder();

/**
 * The entries of the tar stream `chunks`, one at a time: files, symlinks, folders, and as type
 * `other` the rest (hard links, devices, git's global pax header with its records in `pax`, a
 * file over `maxEntryBytes`, passed over).
 */
export async function* readTar(
	chunks: AsyncIterable<Uint8Array>,
	limits: TarLimits
): AsyncGenerator<TarEntry> {
	const source = chunks[Symbol.asyncIterator]();
	try {
		yield* entriesOf(byteReader(source), limits);
	} finally {
		// Stopped early (refused, or the caller stopped): the source is let go, not left open.
		await source.return?.();
	}
}

async function* entriesOf(
	input: ReturnType<typeof byteReader>,
	limits: TarLimits
): AsyncGenerator<TarEntry> {
	let entries = 0;
	let total = 0;
	let pax: Record<string, string> = {};
	let longName: string | undefined;
	let longLink: string | undefined;
	for (;;) {
		const header = await input.read(BLOCK);
		if (!header) throw new TarError('The archive ends without its end-of-archive block.');
		if (header.every((b) => b === 0)) return; // the end (what follows is padding)
		if (++entries > limits.maxEntries)
			throw new TarError(`The archive holds more than ${limits.maxEntries} entries.`);
		checkSum(header);
		const magic = decoder.decode(header.subarray(257, 263));
		if (magic !== 'ustar\0' && magic !== 'ustar ')
			throw new TarError('An entry of the archive is not a ustar header.');
		const flag = String.fromCharCode(header[156]!);
		const meta = flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
		const size =
			pax.size !== undefined && !meta ? paxNumber(pax.size) : number(header, 124, 12, 'size');
		total += size;
		if (total > limits.maxTotalBytes)
			throw new TarError(`The archive holds more than ${limits.maxTotalBytes} bytes.`);
		const padding = (BLOCK - (size % BLOCK)) % BLOCK;
		if (meta && size > META_BYTES)
			throw new TarError(`A header entry of ${size} bytes is over the limit of ${META_BYTES}.`);
		const unread = size > limits.maxEntryBytes;
		let data: Uint8Array = new Uint8Array(0);
		if (unread) {
			if (!(await input.skip(size + padding)))
				throw new TarError('The archive ends inside an entry.');
		} else if (size) {
			const read = await input.read(size);
			if (!read || (padding && !(await input.read(padding))))
				throw new TarError('The archive ends inside an entry.');
			data = read;
		}

		if (flag === 'x') {
			pax = { ...pax, ...paxRecords(data) };
			continue;
		}
		if (flag === 'L' || flag === 'K') {
			const name = decoder.decode(data.subarray(0, nulAt(data)));
			if (flag === 'L') longName = name;
			else longLink = name;
			continue;
		}
		const own = flag === 'g' ? paxRecords(data) : pax;
		pax = {};
		// GNU tar keeps other fields where ustar has `prefix`.
		const prefix = magic === 'ustar\0' ? text(header, 345, 155) : '';
		const name = own.path ?? longName ?? (prefix ? `${prefix}/` : '') + text(header, 0, 100);
		// A symlink's blob is its target's bytes: from the header as they are, not decoded.
		const link = own.linkpath ?? longLink ?? header.slice(157, nulAt(header, 157, 100));
		longName = longLink = undefined;
		const type = unread || flag === 'g' ? 'other' : (TYPES[flag] ?? 'other');
		yield {
			path: flag === 'g' ? '' : name.replace(/\/+$/, ''),
			type,
			mode: number(header, 100, 8, 'mode') & 0o7777,
			bytes:
				type === 'file'
					? data
					: type === 'symlink'
						? typeof link === 'string'
							? utf8(link)
							: link
						: new Uint8Array(0),
			pax: own
		};
	}
}

const TYPES: Record<string, TarEntry['type']> = {
	'0': 'file',
	'\0': 'file',
	'7': 'file',
	'2': 'symlink',
	'5': 'directory'
};

/** A pax or GNU long-name entry's data is read whole: more than this is not a header. */
const META_BYTES = 1024 * 1024;

const utf8 = (s: string) => new TextEncoder().encode(s);

function nulAt(bytes: Uint8Array, from = 0, length = bytes.length): number {
	const end = Math.min(from + length, bytes.length);
	for (let i = from; i < end; i++) if (bytes[i] === 0) return i;
	return end;
}

function text(header: Uint8Array, at: number, length: number): string {
	return decoder.decode(header.subarray(at, nulAt(header, at, length)));
}

/** An octal field (NUL- or space-ended), or GNU's base-256 form for large numbers. */
function number(header: Uint8Array, at: number, length: number, field: string): number {
	if (header[at]! & 0x80) {
		let value = header[at]! & 0x7f;
		for (let i = at + 1; i < at + length; i++) {
			value = value * 256 + header[i]!;
			if (value > Number.MAX_SAFE_INTEGER) throw new TarError(`A header's ${field} is too large.`);
		}
		return value;
	}
	const digits = text(header, at, length).trim();
	if (!/^[0-7]*$/.test(digits)) throw new TarError(`A header's ${field} is not a number.`);
	return digits ? parseInt(digits, 8) : 0;
}

function paxNumber(value: string): number {
	if (!/^\d{1,15}$/.test(value)) throw new TarError("A pax header's size is not a number.");
	return Number(value);
}

/** The header's bytes summed with its checksum field as spaces, as the checksum says. */
function checkSum(header: Uint8Array): void {
	const expected = number(header, 148, 8, 'checksum');
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
	if (sum !== expected) throw new TarError('A tar header is damaged (its checksum is wrong).');
}

/** `<length> <key>=<value>\n` records; a length that does not fit its record is refused. */
function paxRecords(data: Uint8Array): Record<string, string> {
	const records: Record<string, string> = {};
	let at = 0;
	while (at < data.length) {
		const space = data.indexOf(0x20, at);
		const length = space > at ? Number(decoder.decode(data.subarray(at, space))) : NaN;
		const end = at + length;
		if (
			!Number.isInteger(length) ||
			length <= space - at ||
			end > data.length ||
			data[end - 1] !== 0x0a
		)
			throw new TarError('A pax header is malformed.');
		const record = decoder.decode(data.subarray(space + 1, end - 1));
		const equals = record.indexOf('=');
		if (equals < 1) throw new TarError('A pax header is malformed.');
		records[record.slice(0, equals)] = record.slice(equals + 1);
		at = end;
	}
	return records;
}

/** Exactly `n` bytes at a time from a stream of chunks of any size; null at its end. */
function byteReader(source: AsyncIterator<Uint8Array>) {
	let chunk: Uint8Array = new Uint8Array(0);
	let offset = 0;
	let done = false;
	return {
		/** Passes over `n` bytes without keeping them; false when the stream ends first. */
		async skip(n: number): Promise<boolean> {
			let left = n;
			for (;;) {
				const take = Math.min(left, chunk.length - offset);
				offset += take;
				left -= take;
				if (left === 0) return true;
				if (done) return false;
				const next = await source.next();
				if (next.done) done = true;
				else {
					chunk = next.value;
					offset = 0;
				}
			}
		},
		async read(n: number): Promise<Uint8Array | null> {
			if (chunk.length - offset >= n) {
				offset += n;
				return chunk.subarray(offset - n, offset);
			}
			const out = new Uint8Array(n);
			let filled = 0;
			for (;;) {
				const take = Math.min(n - filled, chunk.length - offset);
				out.set(chunk.subarray(offset, offset + take), filled);
				filled += take;
				offset += take;
				if (filled === n) return out;
				if (done) return null;
				const next = await source.next();
				if (next.done) {
					done = true;
					continue;
				}
				chunk = next.value;
				offset = 0;
			}
		}
	};
}
