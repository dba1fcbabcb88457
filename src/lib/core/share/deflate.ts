// Raw deflate (no zlib header: the JSON inside is validated, so a checksum adds nothing).
// Inflation is bounded: input goes in small steps, and it stops once the output passes the
// cap, so a deflate bomb never gets more than the cap plus one step's output allocated.
import { deflateSync, Inflate } from 'fflate';
import { ShareError } from './errors.ts';
import { INFLATE_CHUNK_BYTES, MAX_INFLATED_BYTES } from './limits.ts';

export function deflate(bytes: Uint8Array): Uint8Array {
	return deflateSync(bytes, { level: 9 });
}

export function inflateBounded(compressed: Uint8Array, maxBytes = MAX_INFLATED_BYTES): Uint8Array {
	// fflate accepts an empty stream as complete; a link always holds at least one block.
	if (compressed.length === 0) throw damaged();
	const chunks: Uint8Array[] = [];
	let size = 0;
	const inflater = new Inflate((chunk) => {
		size += chunk.length;
		if (size > maxBytes) throw tooBig(maxBytes);
		chunks.push(chunk);
	});
	try {
		for (let start = 0; start < compressed.length; start += INFLATE_CHUNK_BYTES) {
			const end = start + INFLATE_CHUNK_BYTES;
			inflater.push(compressed.subarray(start, end), end >= compressed.length);
		}
	} catch (error) {
		if (error instanceof ShareError) throw error;
		throw damaged(error);
	}
	return concat(chunks, size);
}

function damaged(cause?: unknown): ShareError {
	return new ShareError('corrupt', 'The link data is damaged or cut short.', { cause });
}

function tooBig(maxBytes: number): ShareError {
	const megabytes = Math.round(maxBytes / (1024 * 1024));
	return new ShareError('bomb', `The link expands to more than ${megabytes} MB; stopped there.`);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}
