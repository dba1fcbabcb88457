// The files a GitLab checkout lacks, two ways: the repository archive (one request, streamed,
// started while the tree is still being listed) and `blobs/:sha/raw` (a request a blob, a few in
// flight). Either way a file is taken only as the blob the listing names at its path: an archive
// file is hashed and compared; whatever the archive lacks, alters or could not deliver (a refused
// request, a damaged stream) is fetched raw, and a raw blob that does not hash to its id fails
// the checkout. Which way, and when the archive starts, is snapshot.ts's choice.
import type { BaselineEntry, CheckoutStats } from '../../git/baseline.ts';
import { inPool } from '../../git/pool.ts';
import { isAbortError } from '../../http/index.ts';
import { readGitLabArchive, type ArchiveBlob } from './archive.ts';
import { fetchGitLabBlob, type GitLabBlobSource } from './fetch-blob.ts';

/** Raw blob requests in flight at once (gitlab.com speaks HTTP/2; self-managed hosts may not). */
export const BLOB_REQUESTS_IN_FLIGHT = 8;

/**
 * Archive files held while the listing is not yet complete (they cannot be matched before): past
 * this, the archive is read no further until it is.
 */
const HELD_BYTES = 64 * 1024 * 1024;

export type FileFetcher = {
	/** Starts the archive download (once); its files are matched when `fetch` gives the listing. */
	startArchive(): void;
	readonly archiveStarted: boolean;
	/**
	 * Fetches every file of `missing` (all entries the store lacks) not yet taken, calling
	 * `accept` once per path with verified bytes: from the archive where it was started (`first`
	 * paths raw beside it, so they come early), the rest raw.
	 */
	fetch(missing: readonly BaselineEntry[], first: ReadonlySet<string>): Promise<void>;
	/** Stops the archive (the listing failed): nothing more is read or accepted. */
	cancel(): void;
};

export function createFileFetcher(
	source: GitLabBlobSource,
	commit: string,
	signal: AbortSignal | undefined,
	stats: CheckoutStats,
	accept: (entry: BaselineEntry, bytes: Uint8Array) => void,
	/**
	 * Each archive file that arrives before the listing is complete (so before it can be said
	 * whether it is wanted), with the id its bytes hash to: a blob stored under that id is right
	 * whatever the listing says, so the caller can store it while the tree pages are still coming.
	 * `accept` follows for those the listing names.
	 */
	hashed?: (blob: ArchiveBlob) => void
): FileFetcher {
	const controller = new AbortController();
	const stop = () => controller.abort(signal?.reason);
	signal?.addEventListener('abort', stop, { once: true });
	let archive: Promise<unknown> | null = null;
	let wanted: Map<string, BaselineEntry> | null = null;
	const taken = new Set<string>();
	const held: ArchiveBlob[] = [];
	let heldBytes = 0;
	let release = () => {};
	const listed = new Promise<void>((resolve) => (release = resolve));

	const take = (blob: ArchiveBlob) => {
		const entry = wanted?.get(blob.path);
		if (!entry || entry.oid !== blob.oid || taken.has(blob.path)) return;
		taken.add(blob.path);
		accept(entry, blob.bytes);
	};
	const onBlob = async (blob: ArchiveBlob) => {
		if (wanted) return take(blob);
		hashed?.(blob);
		held.push(blob);
		heldBytes += blob.bytes.length;
		if (heldBytes > HELD_BYTES) await listed;
	};
	const list = (entries: readonly BaselineEntry[]) => {
		wanted = new Map(entries.map((entry) => [entry.path, entry]));
		for (const blob of held.splice(0)) take(blob);
		heldBytes = 0;
		release();
	};
	const raw = (entries: BaselineEntry[]) =>
		inPool(entries, BLOB_REQUESTS_IN_FLIGHT, async (entry) => {
			taken.add(entry.path);
			accept(entry, await fetchGitLabBlob(source, entry, signal, stats));
		});

	return {
		startArchive() {
			archive ??= readGitLabArchive(source, commit, controller.signal, stats, onBlob).then(
				() => null,
				(error: unknown) => error
			);
		},
		get archiveStarted() {
			return archive !== null;
		},
		async fetch(missing, first) {
			list(missing);
			try {
				if (archive) {
					const early = missing.filter((e) => first.has(e.path));
					for (const entry of early) taken.add(entry.path);
					const [failure] = await Promise.all([archive, raw(early)]);
					// Cancelled by the user: that is the answer. Any other failure of the archive
					// (refused, rate-limited, damaged) leaves its files to the raw requests below.
					if (failure && (signal?.aborted || isAbortError(failure))) throw failure;
				}
				const rest = missing.filter((e) => !taken.has(e.path));
				rest.sort((a, b) => Number(first.has(b.path)) - Number(first.has(a.path)));
				await raw(rest);
			} finally {
				signal?.removeEventListener('abort', stop);
				controller.abort(); // an archive still streaming (a raw request failed) is let go
			}
		},
		cancel() {
			list([]);
			signal?.removeEventListener('abort', stop);
			controller.abort();
		}
	};
}
