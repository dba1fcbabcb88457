// Many files' contents per request through GitHub's GraphQL API, for a caller with a token: one
// query names up to GRAPHQL_FILES_PER_REQUEST blobs by `<commit>:<path>` and gets their text back.
// A 3,000-file checkout is then ~30 requests instead of 3,000 (and ~30 points of the 5,000 an
// hour GraphQL allows), fewer for GitHub's secondary limits to count. Binary files (GraphQL
// gives no text for them) and any text whose hash disagrees are left to the caller's raw path.
import { hashBlob } from '../../diff/index.ts';
import type { BaselineEntry, CheckoutStats } from '../../git/baseline.ts';
import type { GitHubRef } from './tree-listing.ts';
import type { GitHubReader } from './reader.ts';

/** Files one query asks for; also capped by GRAPHQL_BYTES_PER_REQUEST of listed size. */
export const GRAPHQL_FILES_PER_REQUEST = 100;
export const GRAPHQL_BYTES_PER_REQUEST = 2_000_000;

type BlobAnswer = { text: string | null; byteSize: number; isBinary: boolean } | null;

/** The query for `entries` at `commit`: one aliased `object` a file. */
export function blobsQuery(ref: GitHubRef, commit: string, entries: BaselineEntry[]): string {
	const fields = entries.map(
		(entry, i) =>
			`f${i}: object(expression: ${JSON.stringify(`${commit}:${entry.path}`)}) { ... on Blob { text byteSize isBinary } }`
	);
	return `query { repository(owner: ${JSON.stringify(ref.owner)}, name: ${JSON.stringify(ref.repo)}) { ${fields.join(' ')} } }`;
}

/** `entries` cut into requests by count and by listed size, in their order. */
export function graphqlBatches(entries: BaselineEntry[]): BaselineEntry[][] {
	const batches: BaselineEntry[][] = [];
	let batch: BaselineEntry[] = [];
	let bytes = 0;
	for (const entry of entries) {
		const size = entry.size ?? 0;
		if (
			batch.length > 0 &&
			(batch.length >= GRAPHQL_FILES_PER_REQUEST || bytes + size > GRAPHQL_BYTES_PER_REQUEST)
		) {
			batches.push(batch);
			batch = [];
			bytes = 0;
		}
		batch.push(entry);
		bytes += size;
	}
	if (batch.length > 0) batches.push(batch);
	return batches;
}

const encoder = new TextEncoder();

/**
 * One batch's files, each checked against its blob id; the map holds only those that checked
 * out (a binary file, one GraphQL could not give, or one whose text does not hash right is
 * missing, for the raw path). A refused request (401, a limit not waited out) throws.
 */
export async function fetchBatch(
	ref: GitHubRef,
	reader: GitHubReader,
	commit: string,
	batch: BaselineEntry[],
	stats: CheckoutStats
): Promise<Map<string, Uint8Array>> {
	stats.requests++;
	const answer = await reader.graphql<{ repository: Record<string, BlobAnswer> | null }>(
		blobsQuery(ref, commit, batch)
	);
	const found = new Map<string, Uint8Array>();
	const repository = answer.data?.repository;
	if (!repository) return found;
	await Promise.all(
		batch.map(async (entry, i) => {
			const blob = repository[`f${i}`];
			if (!blob || blob.isBinary || blob.text === null) return;
			const bytes = encoder.encode(blob.text);
			if (bytes.length !== blob.byteSize || (await hashBlob(bytes)) !== entry.oid) return;
			stats.bytesFetched += bytes.length;
			found.set(entry.oid, bytes);
		})
	);
	return found;
}
