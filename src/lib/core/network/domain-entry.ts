import { normaliseDomainEntry } from './policy.ts';

export type DomainEntryError = { line: number; entry: string; message: string };

/** Why an entry is refused, in the words the environment form shows; null when it is usable. */
function problemWith(entry: string): string | null {
	if (/\s/.test(entry)) return 'Spaces are not allowed: put one hostname per line.';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
		return 'Remove the scheme (such as https://): enter just the hostname.';
	}
	if (/[/\\?#]/.test(entry)) return 'Remove the path: enter just the hostname.';
	if (entry.includes('@')) return 'Remove the user name: enter just the hostname.';
	if (/^(?:\[[^\]]*\]|[^:[\]]*):\d*$/.test(entry)) {
		return 'Remove the port: an entry allows every port of its host.';
	}
	const wildcard = entry.startsWith('*.');
	if (entry.slice(wildcard ? 2 : 0).includes('*')) {
		return 'Only a leading "*." wildcard is allowed, as in *.example.com.';
	}
	if (normaliseDomainEntry(entry) !== null) return null;
	if (wildcard && normaliseDomainEntry(entry.slice(2)) !== null) {
		return 'A wildcard applies to domain names, not IP addresses.';
	}
	if (entry.includes(':')) {
		return 'Not a valid hostname (write an IPv6 address in brackets, as in [::1]).';
	}
	return 'Not a valid hostname.';
}

/**
 * Reads the environment form's domain field: one hostname per line, blank lines ignored.
 * Usable entries come back normalised the way `decide` compares them, without duplicates.
 */
export function validateDomainEntries(text: string): {
	domains: string[];
	errors: DomainEntryError[];
} {
	const domains: string[] = [];
	const errors: DomainEntryError[] = [];
	text.split(/\r?\n/).forEach((raw, index) => {
		const entry = raw.trim();
		if (!entry) return;
		const message = problemWith(entry);
		if (message !== null) {
			errors.push({ line: index + 1, entry, message });
			return;
		}
		const domain = normaliseDomainEntry(entry);
		if (domain !== null && !domains.includes(domain)) domains.push(domain);
	});
	return { domains, errors };
}
