// One blob's bytes from GitLab's `repository/blobs/:sha/raw` (the request as get-bytes.ts makes
// every byte request), refused unless they hash to its id.
import type { Credentials } from '../../credentials/index.ts';
import { hashBlob } from '../../diff/index.ts';
import type { BaselineEntry, CheckoutStats } from '../../git/baseline.ts';
import { AppError } from '../../http/index.ts';
import { getBytes, notSent } from './get-bytes.ts';

export type GitLabBlobSource = {
	/** `…/api/v4/projects/<id>`: the blob is fetched from under it. */
	projectUrl: string;
	credentials: Credentials;
	fetch?: typeof fetch;
};

export async function fetchGitLabBlob(
	source: GitLabBlobSource,
	entry: Pick<BaselineEntry, 'path' | 'oid'>,
	signal: AbortSignal | undefined,
	stats: CheckoutStats
): Promise<Uint8Array> {
	const url = `${source.projectUrl}/repository/blobs/${entry.oid}/raw`;
	const response = await getBytes(source, url, signal, stats);
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await response.arrayBuffer());
	} catch (error) {
		throw notSent(error); // the body cut off, or the request cancelled while it arrived
	}
	stats.bytesFetched += bytes.length;
	if ((await hashBlob(bytes)) !== entry.oid) {
		throw gitLabMismatch(
			`The bytes GitLab sent for ${entry.path} do not match its blob id ${entry.oid.slice(0, 7)}.`
		);
	}
	return bytes;
}

export function gitLabMismatch(message: string): AppError {
	return new AppError(
		'snapshot-mismatch',
		message,
		'Try again; if it persists, the repository may have changed during the checkout, or something between here and GitLab alters its answers.'
	);
}
