const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * git's default hunk heading (xdiff's def_ff): the nearest line above the hunk that starts with
 * a letter, '_' or '$', trailing whitespace dropped, cut to 80 bytes. Returns a lookup from a
 * hunk's first old line to its heading, built in one pass so many hunks stay linear.
 */
export function headingFinder(oldLines: string[], bytes = false): (firstLine: number) => string {
	const nearest = new Int32Array(oldLines.length);
	let last = -1;
	for (let i = 0; i < oldLines.length; i++) {
		if (/^[A-Za-z_$]/.test(oldLines[i]!)) last = i;
		nearest[i] = last;
	}
	return (firstLine) => {
		const found = firstLine > 0 ? nearest[firstLine - 1]! : -1;
		if (found < 0) return '';
		// Lines of one char a byte are cut at 80 exactly, as git cuts them.
		return bytes
			? oldLines[found]!.slice(0, 80).replace(/[ \t\n\v\f\r]+$/, '')
			: heading(oldLines[found]!);
	};
}

function heading(line: string): string {
	const bytes = encoder.encode(line);
	let end = Math.min(bytes.length, 80);
	// Back off to a character boundary where git would cut a UTF-8 sequence in two.
	while (end < bytes.length && end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
	while (end > 0 && isSpace(bytes[end - 1]!)) end--;
	return decoder.decode(bytes.subarray(0, end));
}

function isSpace(byte: number): boolean {
	return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}
