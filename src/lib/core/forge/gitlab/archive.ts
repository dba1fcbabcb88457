// A commit's files from GitLab's repository archive in one request:
// `GET /projects/:id/repository/archive.tar.gz?sha=<commit>` (API v4; what `git archive` makes,
// every path under one top-level folder, `<project>-<sha>-<sha>/` when asked by full sha — the
// form is not documented as stable, so whatever single folder the archive has is taken off).
// It is gunzipped as it arrives (`DecompressionStream`), read by the bounded tar reader, and each
// file or symlink is hashed as a blob and handed on with its path: the caller accepts it only
// where the tree listing names that blob at that path. The archive can lack files (GitLab honours
// `export-ignore` in .gitattributes) or alter them (`export-subst`); it names no blob ids and no
// modes git would trust: those come from the listing, checked against the folders' ids.
import type { CheckoutStats } from '../../git/baseline.ts';
import { hashBlob } from '../../diff/index.ts';
import { getBytes, type BytesContext } from './get-bytes.ts';
import { readTar, TarError, type TarLimits } from './tar.ts';

/**
 * What one archive may hold before it is refused (and the files fetched one by one). A file
 * over `maxEntryBytes` is passed over unread and fetched raw, like any file the archive lacks.
 */
export const ARCHIVE_LIMITS: TarLimits = {
	maxEntries: 1_000_000,
	maxEntryBytes: 64 * 1024 * 1024,
	maxTotalBytes: 8 * 1024 * 1024 * 1024
};

export type ArchiveBlob = { path: string; oid: string; bytes: Uint8Array };

/**
 * Streams the archive of `commit`, calling `onBlob` for each file and symlink (awaited: it may
 * hold the stream back). Rejects on a refused request, a damaged gzip or tar stream, or an
 * archive of another commit; the blobs handed on before that stay verified.
 */
export async function readGitLabArchive(
	context: BytesContext & { projectUrl: string },
	commit: string,
	signal: AbortSignal | undefined,
	stats: CheckoutStats,
	onBlob: (blob: ArchiveBlob) => void | Promise<void>,
	limits: TarLimits = ARCHIVE_LIMITS
): Promise<void> {
	// LFS objects' contents are not their pointers' blobs: left out, the pointers come as they are.
	const url = `${context.projectUrl}/repository/archive.tar.gz?sha=${commit}&include_lfs_blobs=false`;
	const response = await getBytes(context, url, signal, stats);
	if (!response.body) throw new TarError('GitLab sent the archive without a body.');
	const counted = response.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				stats.bytesFetched += chunk.length; // compressed: what crossed the network
				controller.enqueue(chunk);
			}
		})
	);
	const tar = counted.pipeThrough(
		new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
	);
	let top: string | undefined;
	for await (const entry of readTar(chunksOf(tar), limits)) {
		const comment = entry.pax.comment;
		// git writes the commit it archived into the global header: another one is not ours.
		if (entry.path === '' && comment && /^[0-9a-f]{40}$/.test(comment) && comment !== commit) {
			throw new TarError(
				`GitLab sent the archive of ${comment.slice(0, 7)}, not of ${commit.slice(0, 7)}.`
			);
		}
		if (entry.path === '') continue;
		const slash = entry.path.indexOf('/');
		const folder = slash < 0 ? entry.path : entry.path.slice(0, slash);
		top ??= folder;
		if (folder !== top) throw new TarError('The archive has more than one top-level folder.');
		if (slash < 0 || (entry.type !== 'file' && entry.type !== 'symlink')) continue;
		const path = entry.path.slice(slash + 1);
		await onBlob({ path, oid: await hashBlob(entry.bytes), bytes: entry.bytes });
	}
}

/** A stream's chunks as an async iterable; cancels the stream when the reading stops early. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
	const reader = stream.getReader();
	let finished = false;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) {
				finished = true;
				return;
			}
			yield value;
		}
	} finally {
		if (!finished) await reader.cancel().catch(() => {});
	}
}
