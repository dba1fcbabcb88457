/**
 * A synchronous, streaming SHA-1. Web Crypto is async only, and `formatPatch` is synchronous
 * but needs full blob ids for binary hunks (git apply refuses them without a full index line).
 */
export type Sha1 = {
	update(bytes: Uint8Array): Sha1;
	digestHex(): string;
};

const words = new Int32Array(80);

export function createSha1(): Sha1 {
	const state = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
	const pending = new Uint8Array(64);
	let pendingLength = 0;
	let totalLength = 0;
	const sha1: Sha1 = {
		update(bytes) {
			totalLength += bytes.length;
			let offset = 0;
			if (pendingLength > 0) {
				offset = Math.min(64 - pendingLength, bytes.length);
				pending.set(bytes.subarray(0, offset), pendingLength);
				pendingLength += offset;
				if (pendingLength < 64) return sha1;
				compress(state, pending, 0);
				pendingLength = 0;
			}
			// Whole blocks are hashed in place; copying them first would double the memory traffic.
			for (; offset + 64 <= bytes.length; offset += 64) compress(state, bytes, offset);
			pending.set(bytes.subarray(offset), 0);
			pendingLength = bytes.length - offset;
			return sha1;
		},
		digestHex() {
			const bitLength = totalLength * 8;
			const tail = new Uint8Array(pendingLength < 56 ? 64 : 128);
			tail.set(pending.subarray(0, pendingLength));
			tail[pendingLength] = 0x80;
			const view = new DataView(tail.buffer);
			view.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000));
			view.setUint32(tail.length - 4, bitLength >>> 0);
			for (let offset = 0; offset < tail.length; offset += 64) compress(state, tail, offset);
			let hex = '';
			for (const word of state) hex += (word >>> 0).toString(16).padStart(8, '0');
			return hex;
		}
	};
	return sha1;
}

export function sha1Hex(...parts: Uint8Array[]): string {
	const hash = createSha1();
	for (const part of parts) hash.update(part);
	return hash.digestHex();
}

function compress(state: Int32Array, block: Uint8Array, offset: number): void {
	const w = words;
	for (let i = 0; i < 16; i++) {
		const o = offset + i * 4;
		w[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
	}
	for (let i = 16; i < 80; i++) {
		const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
		w[i] = (x << 1) | (x >>> 31);
	}
	let a = state[0]!;
	let b = state[1]!;
	let c = state[2]!;
	let d = state[3]!;
	let e = state[4]!;
	// Four loops, one per round function: a branch per step costs a third of the throughput.
	for (let i = 0; i < 20; i++) {
		const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	for (let i = 20; i < 40; i++) {
		const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	for (let i = 40; i < 60; i++) {
		const t =
			(((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e - 0x70e44324 + w[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	for (let i = 60; i < 80; i++) {
		const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e - 0x359d3e2a + w[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	state[0] = (state[0]! + a) | 0;
	state[1] = (state[1]! + b) | 0;
	state[2] = (state[2]! + c) | 0;
	state[3] = (state[3]! + d) | 0;
	state[4] = (state[4]! + e) | 0;
}
