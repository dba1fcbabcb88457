// The few named files a listing answers with (the setup proposal's reads), whichever way a
// forge reads one: from the local object store, or fetched and checked against its blob id.
import type { Baseline, BaselineEntry } from '../git/baseline.ts';

export async function readPaths(
	baseline: Baseline,
	paths: (list: string[]) => string[],
	read: (entry: BaselineEntry) => Promise<Uint8Array>
): Promise<Map<string, Uint8Array>> {
	const byPath = new Map(baseline.entries.map((entry) => [entry.path, entry]));
	const wanted = paths(baseline.entries.map((entry) => entry.path));
	const found = await Promise.all(
		wanted.flatMap((path) => {
			const entry = byPath.get(path);
			return entry ? [read(entry).then((bytes) => [path, bytes] as const)] : [];
		})
	);
	return new Map(found);
}
