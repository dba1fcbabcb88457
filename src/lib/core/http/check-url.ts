/** Null when `value` is an absolute http(s) URL, else a message saying what is wrong. */
export function checkHttpUrl(value: string, what: string): string | null {
	const trimmed = value.trim();
	if (!trimmed) return `Enter the ${what}.`;
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return `The ${what} must be a full URL such as https://example.com/v1.`;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return `The ${what} must start with http:// or https:// (got ${url.protocol}).`;
	}
	if (url.username || url.password)
		return `Put credentials in their own field, not in the ${what}.`;
	return null;
}
