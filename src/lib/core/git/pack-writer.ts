// Writes many blobs into the object store as packfiles (pack + version-2 index) instead of one
// loose object each. On lightning-fs every file written is an IndexedDB transaction, so a
// checkout that fetched 3,000 files one by one pays 3,000 of them as loose objects and a handful
// as packs. isomorphic-git finds the packs by their index, like the ones a smart-HTTP clone keeps.
import type { ObjectStore } from './object-store.ts';
import { hex, writeHex } from './hex.ts';
import { storedZlibSize, writeStoredZlib } from './zlib-stored.ts';

/** One object as stored in the pack: its id, header + zlib data, and the CRC-32 of those. */
type Packed = { oid: string; data: Uint8Array; crc: number };

export type PackWriter = {
	/**
	 * Queues an object whose id the caller has verified (a blob unless said otherwise), as a
	 * stored zlib stream (zlib-stored.ts): no compression, so adding costs a copy and a checksum
	 * and the caller need not wait. Writes a pack when the queue is full. The promise is kept for
	 * callers that await it; it is already settled.
	 */
	add(oid: string, bytes: Uint8Array, type?: PackObjectType): Promise<void>;
	/** Writes what is queued. Every object added is readable once this resolves. */
	close(): Promise<void>;
};

export type PackObjectType = 'blob' | 'tree';
const typeCode: Record<PackObjectType, number> = { tree: 2, blob: 3 };

/** A pack is written when its objects reach this many bytes (as stored). */
const DEFAULT_PACK_BYTES = 16 * 1024 * 1024;

export function createPackWriter(
	store: ObjectStore,
	options: { packBytes?: number } = {}
): PackWriter {
	const limit = options.packBytes ?? DEFAULT_PACK_BYTES;
	let queued: Packed[] = [];
	let queuedBytes = 0;
	const seen = new Set<string>();
	let writing: Promise<void> = Promise.resolve();

	/** Takes the queue and writes it after the packs before it (one at a time, in order). */
	function flush(): Promise<void> {
		const batch = queued;
		queued = [];
		queuedBytes = 0;
		if (batch.length === 0) return writing;
		writing = writing.then(() => writePack(store, batch));
		return writing;
	}

	return {
		add(oid, bytes, type = 'blob') {
			if (seen.has(oid)) return Promise.resolve();
			seen.add(oid);
			const data = packedObject(typeCode[type], bytes);
			queued.push({ oid, data, crc: crc32(data) });
			queuedBytes += data.length;
			if (queuedBytes >= limit) void flush().catch(() => {}); // close reports it
			return Promise.resolve();
		},
		close: flush
	};
}

/** An object as a pack holds it: its header (type, size) and its bytes as a stored zlib stream. */
function packedObject(type: number, bytes: Uint8Array): Uint8Array {
	const header = objectHeader(type, bytes.length);
	const data = new Uint8Array(header.length + storedZlibSize(bytes.length));
	data.set(header);
	writeStoredZlib(bytes, data, header.length);
	return data;
}

async function writePack(store: ObjectStore, objects: Packed[]): Promise<void> {
	let size = 12;
	for (const object of objects) size += object.data.length;
	const pack = new Uint8Array(size + 20);
	const view = new DataView(pack.buffer);
	pack.set([0x50, 0x41, 0x43, 0x4b]); // "PACK"
	view.setUint32(4, 2);
	view.setUint32(8, objects.length);
	const offsets = new Map<string, number>();
	let at = 12;
	for (const object of objects) {
		offsets.set(object.oid, at);
		pack.set(object.data, at);
		at += object.data.length;
	}
	const packSha = await sha1(pack.subarray(0, size));
	pack.set(packSha, size);
	const name = `${store.gitdir}/objects/pack/pack-${hex(packSha)}`;
	try {
		await store.fs.promises.mkdir(`${store.gitdir}/objects/pack`);
	} catch {
		// exists
	}
	// The pack before its index: a reader finds packs by their index.
	await store.fs.promises.writeFile(`${name}.pack`, pack);
	await store.fs.promises.writeFile(`${name}.idx`, await packIndex(objects, offsets, packSha));
}

/** The version-2 index of a pack under 2 GiB (so no 64-bit offsets). */
async function packIndex(
	objects: Packed[],
	offsets: Map<string, number>,
	packSha: Uint8Array
): Promise<Uint8Array> {
	const sorted = [...objects].sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
	const n = sorted.length;
	const size = 8 + 256 * 4 + n * 20 + n * 4 + n * 4 + 20 + 20;
	const idx = new Uint8Array(size);
	const view = new DataView(idx.buffer);
	idx.set([0xff, 0x74, 0x4f, 0x63]);
	view.setUint32(4, 2);
	const fanout = new Uint32Array(256);
	for (const object of sorted) fanout[parseInt(object.oid.slice(0, 2), 16)]!++;
	let total = 0;
	for (let i = 0; i < 256; i++) {
		total += fanout[i]!;
		view.setUint32(8 + i * 4, total);
	}
	const names = 8 + 256 * 4;
	const crcs = names + n * 20;
	const offs = crcs + n * 4;
	sorted.forEach((object, i) => {
		writeHex(object.oid, idx, names + i * 20);
		view.setUint32(crcs + i * 4, object.crc);
		view.setUint32(offs + i * 4, offsets.get(object.oid)!);
	});
	idx.set(packSha, offs + n * 4);
	idx.set(await sha1(idx.subarray(0, size - 20)), size - 20);
	return idx;
}

/** A pack object's header: type and size, 4 bits then 7 bits a byte, low bits first. */
function objectHeader(type: number, size: number): Uint8Array {
	const bytes: number[] = [];
	let byte = (type << 4) | (size & 0x0f);
	let rest = Math.floor(size / 16);
	while (rest > 0) {
		bytes.push(byte | 0x80);
		byte = rest & 0x7f;
		rest = Math.floor(rest / 128);
	}
	bytes.push(byte);
	return new Uint8Array(bytes);
}

async function sha1(bytes: Uint8Array): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.digest('SHA-1', bytes as Uint8Array<ArrayBuffer>));
}

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}
