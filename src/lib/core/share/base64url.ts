// base64url without padding (RFC 4648 §5): only `A–Z a–z 0–9 - _`, safe in a URL fragment.
// atob/btoa exist in browsers and Node; the alphabet is checked first because atob is lenient.
import { ShareError } from './errors.ts';

const alphabet = /^[A-Za-z0-9_-]*$/;
// String.fromCharCode takes its arguments on the stack; chunks keep big inputs from overflowing it.
const CHUNK = 0x8000;

export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let start = 0; start < bytes.length; start += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
	// A length of 4n+1 cannot come from any byte string.
	if (!alphabet.test(text) || text.length % 4 === 1) {
		throw new ShareError('corrupt', 'The link is not valid base64url text.');
	}
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	const bytes = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
	return bytes;
}
