// How a test finds a secret in text that left the browser, without asking the masker: as
// itself, URL-encoded (component, form, lower-case hex), or inside any run of base64 text
// (either alphabet), decoded at each of the four character alignments.

export type LeakForm = 'plain' | 'uri' | 'form' | 'base64';

/** The forms in which `text` gives `secret` away; empty when it does not. */
export function leaks(text: string, secret: string): LeakForm[] {
	const found = new Set<LeakForm>();
	const lower = text.toLowerCase();
	if (text.includes(secret)) found.add('plain');
	const uri = encodeURIComponent(secret);
	if (uri !== secret && lower.includes(uri.toLowerCase())) found.add('uri');
	const form = new URLSearchParams({ s: secret }).toString().slice(2);
	if (form !== secret && lower.includes(form.toLowerCase())) found.add('form');
	const bytes = Buffer.from(secret).toString('latin1');
	for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
		const standard = run.replace(/-/g, '+').replace(/_/g, '/');
		for (let shift = 0; shift < 4; shift++) {
			const piece = standard.slice(shift);
			const whole = piece.slice(0, piece.length - (piece.length % 4));
			if (Buffer.from(whole, 'base64').toString('latin1').includes(bytes)) found.add('base64');
		}
	}
	return [...found];
}

/** Each secret with the forms `text` gives it away in; secrets it keeps are left out. */
export function leaksOf(text: string, secrets: readonly string[]): Record<string, LeakForm[]> {
	const entries = secrets.map((secret) => [secret, leaks(text, secret)] as const);
	return Object.fromEntries(entries.filter(([, forms]) => forms.length > 0));
}

const std = (text: string) => Buffer.from(text).toString('base64');
const url = (text: string) => Buffer.from(text).toString('base64url');

/** `secret` in every form a careless builder would let through, with text around each. */
export function encodedPlants(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ token: secret }).toString(),
		`Basic ${std(`user:${secret}`)}`,
		std(`a${secret}b`),
		std(`ab${secret}`),
		url(`${secret}?`),
		url(`x:${secret}:y`)
	];
}
