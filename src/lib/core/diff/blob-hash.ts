import { createSha1 } from './sha1.ts';

/** The id git gives a missing side of a change. */
export const ZERO_OID = '0000000000000000000000000000000000000000';

const encoder = new TextEncoder();

function blobHeader(length: number): Uint8Array {
	return encoder.encode(`blob ${length}\0`);
}

/** git's blob id: sha1("blob <length>\0" + bytes), computed synchronously. */
export function blobOidSync(bytes: Uint8Array): string {
	return createSha1().update(blobHeader(bytes.length)).update(bytes).digestHex();
}

/**
 * git's blob id through Web Crypto, which hashes natively (several times faster than JS on
 * large files) but costs a copy and a promise per call; change detection uses it in batches.
 */
export async function blobOid(bytes: Uint8Array): Promise<string> {
	const header = blobHeader(bytes.length);
	const framed = new Uint8Array(header.length + bytes.length);
	framed.set(header);
	framed.set(bytes, header.length);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', framed));
	let hex = '';
	for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

/** Below this size a synchronous hash beats Web Crypto's copy and round trip. */
const NATIVE_HASH_FROM = 64 * 1024;

/** The faster of the two for this size. */
export function hashBlob(bytes: Uint8Array): Promise<string> {
	return bytes.length < NATIVE_HASH_FROM ? Promise.resolve(blobOidSync(bytes)) : blobOid(bytes);
}
