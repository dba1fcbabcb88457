// just-bash's browser build imports gzipSync/gunzipSync/constants from node:zlib for its
// gzip commands. Vite aliases node:zlib to this file in the browser; fflate does the work.
import { gunzipSync as fflateGunzip, gzipSync as fflateGzip } from 'fflate';

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const constants = {
	Z_NO_COMPRESSION: 0,
	Z_BEST_SPEED: 1,
	Z_BEST_COMPRESSION: 9,
	Z_DEFAULT_COMPRESSION: -1
} as const;

function toLevel(level: number | undefined): Level {
	if (level === undefined || level < 0) return 6;
	return Math.min(9, Math.max(0, Math.round(level))) as Level;
}

function asBuffer(bytes: Uint8Array): Uint8Array {
	const B = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
	return B ? B.from(bytes) : bytes;
}

export function gzipSync(
	data: Uint8Array,
	options: { level?: number; maxOutputLength?: number } = {}
) {
	const out = fflateGzip(data, { level: toLevel(options.level) });
	if (options.maxOutputLength !== undefined && out.length > options.maxOutputLength) {
		throw new RangeError(`Cannot create a Buffer larger than ${options.maxOutputLength} bytes`);
	}
	return asBuffer(out);
}

export function gunzipSync(data: Uint8Array, options: { maxOutputLength?: number } = {}) {
	const out = fflateGunzip(data);
	if (options.maxOutputLength !== undefined && out.length > options.maxOutputLength) {
		throw new RangeError(`Cannot create a Buffer larger than ${options.maxOutputLength} bytes`);
	}
	return asBuffer(out);
}

export default { constants, gzipSync, gunzipSync };
