// Masks secret values in free text: logs shown or stored, share links, commits, branch names,
// PR bodies. A secret is also caught in the forms it travels in besides its own: URL-encoded (a
// query string, a form body) and base64 (a Basic auth header, an `.npmrc` `_auth`, a data URL),
// standard or URL-safe, wherever in the encoded stream it starts.

export const SECRET_MASK = '[secret]';

/**
 * Values shorter than this are not masked: masking `1` or `on` would shred a patch or a log
 * while protecting nothing, since a value that short is not a secret worth the name.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Shortest base64 run masked. Shorter runs turn up by chance in base64 text (a lock file's
 * integrity hashes: one 4-character run in ~17 million positions, there are 100,000s); a
 * 6-character one about once in 69 billion. Every secret of 5 bytes or more has runs this long
 * at all three offsets.
 */
export const MIN_BASE64_RUN = 6;

/** A function that replaces every occurrence of any of `secrets`, in any form, with `SECRET_MASK`. */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
	const forms = new Set(
		secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH).flatMap(secretForms)
	);
	// Longest first, so a secret that contains a shorter one is masked whole.
	const values = [...forms].sort((a, b) => b.length - a.length);
	return (text) => values.reduce((masked, secret) => masked.split(secret).join(SECRET_MASK), text);
}

/**
 * The runs of text that give `secret` away: itself, its URL encodings (upper- and lower-case
 * hex), and the base64 characters it alone decides at each of the three byte offsets it can
 * start at within a base64 stream, in both alphabets (runs of MIN_BASE64_RUN characters or more).
 */
export function secretForms(secret: string): string[] {
	const percent = encodeURIComponent(secret);
	const formEncoded = new URLSearchParams([['', secret]]).toString().slice(1);
	const base64 = [0, 1, 2]
		.map((offset) => base64Run(new TextEncoder().encode(secret), offset))
		.filter((run) => run.length >= MIN_BASE64_RUN);
	const forms = [
		secret,
		percent,
		formEncoded,
		...[percent, formEncoded].map(lowerHex),
		...base64,
		...base64.map(toUrlSafe)
	];
	return [...new Set(forms)];
}

/**
 * The base64 characters of `bytes` placed `offset` bytes into a 3-byte group: each character
 * holds 6 bits, so only those whose bits all come from `bytes` are the same whatever surrounds
 * them (the first and last one or two mix in the neighbours' bits and are left out).
 */
function base64Run(bytes: Uint8Array, offset: number): string {
	const placed = new Uint8Array(offset + bytes.length);
	placed.set(bytes, offset);
	// In slices: String.fromCharCode takes its arguments on the stack, and a secret may be a
	// whole key file.
	let binary = '';
	for (let at = 0; at < placed.length; at += 0x8000) {
		binary += String.fromCharCode(...placed.subarray(at, at + 0x8000));
	}
	const encoded = btoa(binary);
	const start = Math.ceil((offset * 8) / 6);
	const end = Math.floor(((offset + bytes.length) * 8) / 6);
	return encoded.slice(start, end);
}

const toUrlSafe = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_');

const lowerHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

/**
 * `cut` is `text`'s first line cut short with `…` (a task title): a secret the cut went through
 * is only partly in `cut`, where no masker can see it. So the whole line is masked, then cut to
 * the same length. Any other `cut` is masked as it is.
 */
export function maskCutLine(cut: string, text: string, mask: (text: string) => string): string {
	const line = text.trim().split('\n')[0]?.trim() ?? '';
	const kept = cut.endsWith('…') ? cut.slice(0, -1) : '';
	if (kept === '' || !line.startsWith(kept)) return mask(cut);
	const masked = mask(line);
	return masked.length <= kept.length ? masked : `${masked.slice(0, kept.length).trimEnd()}…`;
}
