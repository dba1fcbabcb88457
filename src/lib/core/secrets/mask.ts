// Masks secret values in free text: logs shown or stored, share links, PR bodies.

export const SECRET_MASK = '[secret]';

/**
 * Values shorter than this are not masked: masking `1` or `on` would shred a patch or a log
 * while protecting nothing, since a value that short is not a secret worth the name.
 */
export const MIN_SECRET_LENGTH = 4;

/** A function that replaces every occurrence of any of `secrets` with `SECRET_MASK`. */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
	// Longest first, so a secret that contains a shorter one is masked whole.
	const values = [...new Set(secrets)]
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	return (text) => values.reduce((masked, secret) => masked.split(secret).join(SECRET_MASK), text);
}
