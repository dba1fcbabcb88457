/** A character or byte count the way people read it: 812 B, 12.4 KB, 1.6 MB. */
export function formatSize(count: number): string {
	if (count < 1000) return `${count} B`;
	if (count < 1_000_000) return `${(count / 1000).toFixed(1)} KB`;
	return `${(count / 1_000_000).toFixed(1)} MB`;
}
