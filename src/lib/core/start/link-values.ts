// The values a start link carries are untrusted input: bounded, trimmed, checked one by one.

/** Caps on what a start link may carry; a link over any of them is refused whole. */
export const START_LINK_LIMITS = {
	/** The whole fragment, before decoding: bounds the work spent on a hostile link. */
	fragment: 100_000,
	repo: 500,
	/** Git allows longer refs, but most filesystems stop a ref file's name at 255 bytes. */
	branch: 255,
	prompt: 20_000
} as const;

/** Git's ref-name rules (`git check-ref-format --branch`) that a link can break. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const BAD_REF_CHARS = /[\u0000-\u0020\u007F~^:?*[\\]/;

export function isBranchName(name: string): boolean {
	if (!name || name.length > START_LINK_LIMITS.branch || BAD_REF_CHARS.test(name)) return false;
	if (name === '@' || name.includes('..') || name.includes('@{') || name.startsWith('-')) {
		return false;
	}
	if (name.endsWith('.') || name.endsWith('/') || name.startsWith('/')) return false;
	return name
		.split('/')
		.every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/**
 * Control characters other than tab and newline, and the bidirectional overrides that can make
 * the prompt a person reviews read differently from the one the model gets ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** The prompt as a person will see it, or null when it is over the cap. */
export function cleanPrompt(raw: string): string | null {
	const prompt = raw.replace(/\r\n?/g, '\n').replace(HIDDEN, '').trim();
	return prompt.length > START_LINK_LIMITS.prompt ? null : prompt;
}

/**
 * An address's path as its segments, each percent-decoded before it is checked (so `%2F` or
 * `%2e%2e` cannot slip past a check of the encoded text); null when one does not decode.
 */
export function decodedSegments(path: string): string[] | null {
	try {
		return path
			.split('/')
			.filter(Boolean)
			.map((part) => decodeURIComponent(part));
	} catch {
		return null;
	}
}
