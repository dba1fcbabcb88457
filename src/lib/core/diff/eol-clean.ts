// The line-ending half of git's "clean" conversion (convert.c: convert_attrs, crlf_to_git), the
// one applied to a working-tree file before it is hashed for `status`, `diff` and `add`: CRLF
// becomes LF where the `text`/`eol` attributes (or the older `crlf`) say the file is text. With
// no config here, core.autocrlf is unset, so a file with no such attribute is never converted.
import type { AttrValue } from './git-attributes.ts';

/** convert.c's crlf_action, reduced to what checking in needs. */
export type CrlfAction =
	/** Never converted: `-text`, `binary`, or nothing specified (core.autocrlf unset). */
	| 'binary'
	/** `text`, `eol=…` or `crlf`: every CRLF becomes LF. */
	| 'text'
	/** `text=auto`: converted only when git's heuristic says text and the index has no CRLF. */
	| 'auto';

/** The attributes convert.c asks for. */
export const EOL_ATTRIBUTES = ['text', 'crlf', 'eol'] as const;

function crlfOf(value: AttrValue | undefined): CrlfAction | undefined {
	if (value === true) return 'text';
	if (value === false) return 'binary';
	if (value === 'input') return 'text';
	if (value === 'auto') return 'auto';
	return undefined;
}

/** convert_attrs: `text` first, else `crlf`; a set `eol` makes an unspecified file text. */
export function crlfAction(attributes: Map<string, AttrValue>): CrlfAction {
	const action = crlfOf(attributes.get('text')) ?? crlfOf(attributes.get('crlf'));
	if (action) return action;
	const eol = attributes.get('eol');
	return eol === 'lf' || eol === 'crlf' ? 'text' : 'binary';
}

export type TextStats = {
	nul: number;
	lonecr: number;
	lonelf: number;
	crlf: number;
	printable: number;
	nonprintable: number;
};

/** convert.c's gather_stats. */
export function textStats(bytes: Uint8Array): TextStats {
	const stats: TextStats = { nul: 0, lonecr: 0, lonelf: 0, crlf: 0, printable: 0, nonprintable: 0 };
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes[i]!;
		if (c === 0x0d) {
			if (bytes[i + 1] === 0x0a) {
				stats.crlf++;
				i++;
			} else stats.lonecr++;
		} else if (c === 0x0a) stats.lonelf++;
		else if (c === 0x7f) stats.nonprintable++;
		else if (c < 32) {
			// BS, HT, ESC and FF count as printable.
			if (c === 0x08 || c === 0x09 || c === 0x1b || c === 0x0c) stats.printable++;
			else {
				if (c === 0) stats.nul++;
				stats.nonprintable++;
			}
		} else stats.printable++;
	}
	// A trailing ^Z (DOS end of file) is not counted as non-printable.
	if (bytes.length && bytes[bytes.length - 1] === 0x1a) stats.nonprintable--;
	return stats;
}

/** convert_is_binary: a lone CR, a NUL, or more than 1 non-printable byte in 128. */
export function looksBinary(stats: TextStats): boolean {
	return stats.lonecr > 0 || stats.nul > 0 || stats.printable >> 7 < stats.nonprintable;
}

/** has_crlf_in_index's test on the index blob: text by the heuristic, with a CRLF. */
export function hasTextCrlf(bytes: Uint8Array): boolean {
	if (!bytes.includes(0x0d)) return false;
	const stats = textStats(bytes);
	return !looksBinary(stats) && stats.crlf > 0;
}

/**
 * crlf_to_git: the bytes git hashes for a working-tree file. `indexBlob` is read only for
 * `text=auto` with a CRLF in the file ("safer autocrlf", git 2.10+: a file committed with CRLF
 * stays so until renormalised).
 */
export async function cleanEol(
	bytes: Uint8Array,
	action: CrlfAction,
	indexBlob: () => Promise<Uint8Array | null>
): Promise<Uint8Array> {
	if (action === 'binary' || bytes.length === 0 || !bytes.includes(0x0d)) return bytes;
	const stats = textStats(bytes);
	if (stats.crlf === 0) return bytes;
	if (action === 'auto') {
		if (looksBinary(stats)) return bytes;
		const index = await indexBlob();
		if (index && hasTextCrlf(index)) return bytes;
	}
	const out = new Uint8Array(bytes.length - stats.crlf);
	let n = 0;
	for (let i = 0; i < bytes.length; i++) {
		// A lone CR stays in a `text` file; under `auto` there is none (it would be binary).
		if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
		out[n++] = bytes[i]!;
	}
	return out;
}
