// Which link targets a rendered link may carry. Browsers drop ASCII tabs and newlines inside
// URLs and read a backslash as a slash, so the checks run on the URL as a browser would see it.

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

export type SafeHref = { href: string; relative: boolean };

/** The link target if it may be rendered (http, https, mailto or a path), else null. */
export function safeHref(raw: string): SafeHref | null {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	const href = raw.trim().replace(/[\u0000-\u001f\u007f]/g, '');
	if (href === '') return null;
	const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
	if (scheme)
		return ALLOWED_SCHEMES.has((scheme[1] ?? '').toLowerCase()) ? { href, relative: false } : null;
	// `//host/x` and `/\host` are other origins without a scheme: not relative at all.
	if (/^[/\\]{2}/.test(href)) return null;
	return { href, relative: true };
}
