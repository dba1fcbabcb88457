// Byte-level helpers for the binary patch tests: git's base85 decoded and a pack delta applied
// (patch-delta.c), so a hunk can be read back without git.

const ALPHABET =
	'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** The data lines of one hunk (after its `literal n`/`delta n` line) as bytes. */
export function decodeBase85Lines(lines: string[]): Uint8Array {
	const out: number[] = [];
	for (const line of lines) {
		const first = line.charCodeAt(0);
		const count = first <= 90 ? first - 64 : first - 96 + 26;
		const bytes: number[] = [];
		for (let i = 1; i < line.length; i += 5) {
			let value = 0;
			for (let k = 0; k < 5; k++) value = value * 85 + ALPHABET.indexOf(line[i + k]!);
			bytes.push(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
		}
		out.push(...bytes.slice(0, count));
	}
	return Uint8Array.from(out);
}

/** Applies a delta (git's patch-delta.c). */
export function applyDelta(src: Uint8Array, delta: Uint8Array): Uint8Array {
	let at = 0;
	const readSize = () => {
		let size = 0;
		let shift = 1;
		let byte: number;
		do {
			byte = delta[at++]!;
			size += (byte & 0x7f) * shift;
			shift *= 128;
		} while (byte & 0x80);
		return size;
	};
	if (readSize() !== src.length) throw new Error('delta: source size does not match');
	const result = new Uint8Array(readSize());
	let outpos = 0;
	while (at < delta.length) {
		const cmd = delta[at++]!;
		if (cmd & 0x80) {
			let offset = 0;
			let size = 0;
			for (let k = 0; k < 4; k++) if (cmd & (1 << k)) offset += delta[at++]! * 2 ** (8 * k);
			for (let k = 0; k < 3; k++) if (cmd & (0x10 << k)) size += delta[at++]! << (8 * k);
			if (size === 0) size = 0x10000;
			result.set(src.subarray(offset, offset + size), outpos);
			outpos += size;
		} else if (cmd) {
			result.set(delta.subarray(at, at + cmd), outpos);
			at += cmd;
			outpos += cmd;
		} else throw new Error('delta: unexpected opcode 0');
	}
	if (outpos !== result.length) throw new Error('delta: result size does not match');
	return result;
}
