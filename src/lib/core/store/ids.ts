/** A random id for a stored record: short, URL-safe, sortable by nothing. */
export function newId(): string {
	return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}
