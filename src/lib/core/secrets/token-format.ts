// What a provider's published token format is, as data, and the regex helpers every format
// uses. Every pattern starts with a look-behind that refuses a token character before it, so
// inside a long run of such characters only the run's start is tried: the scan stays linear.
import type { SecretKind } from './finding.ts';
import { looksGenerated } from './token-checks.ts';

export type TokenFormat = {
	id: SecretKind;
	provider: string;
	description: string;
	/** The shape in the provider's own terms. */
	shape: string;
	/** Where the shape is published. */
	source: string;
	/** Lower-case strings of which a line must hold one before the regex runs (a cheap filter). */
	keywords: readonly string[];
	/**
	 * Global regex. A `value` group marks the secret when the match holds more (a name); a `body`
	 * group marks the random part that `check` reads (the whole value without one).
	 */
	pattern: RegExp;
	/** The format's own validation; defaults to `looksGenerated(body)`. */
	check?: (value: string, body: string) => boolean;
};

/** No token character before: a longer identifier that merely contains a prefix is no token. */
const L = '(?<![A-Za-z0-9_+-])';
/** No token character (nor base64's `/` and `=`) after: the match is the whole token. */
const R = '(?![A-Za-z0-9_+/=-])';
export const bounded = (source: string, flags = 'dg'): RegExp =>
	new RegExp(`${L}${source}${R}`, flags);

/** Random keys mix upper case, lower case and digits; kebab-case names after `sk-` do not. */
export const mixedCase = (body: string): boolean =>
	/[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body) && looksGenerated(body);
