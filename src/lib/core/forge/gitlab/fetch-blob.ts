// One blob's bytes from GitLab's `repository/blobs/:sha/raw`, refused unless they hash to its
// id. (snapshot.ts keeps its own copy of this for now: another change is under way there.)
import { credentialFor, type Credentials } from '../../credentials/index.ts';
import { hashBlob } from '../../diff/index.ts';
import type { BaselineEntry, CheckoutStats } from '../../git/baseline.ts';
import { AppError, isAbortError } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';

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
	// The token reaches only the host Settings saved it for, as for every other request.
	const credential = credentialFor(url, source.credentials, { use: 'git' });
	const headers: Record<string, string> = {};
	if (credential) headers.Authorization = `Bearer ${credential.password}`;
	const doFetch = source.fetch ?? ((input, init) => fetch(input, init));
	stats.requests++;
	let response: Response;
	try {
		response = await doFetch(url, { headers, signal });
	} catch (error) {
		const aborted = isAbortError(error);
		throw new ForgeHttpError(undefined, aborted ? 'Cancelled.' : String(error), null, aborted);
	}
	if (!response.ok) {
		const text = await response.text().catch(() => '');
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: the text is the message
		}
		const message = (body as { message?: string })?.message ?? text;
		throw new ForgeHttpError(response.status, String(message), body);
	}
	const bytes = new Uint8Array(await response.arrayBuffer());
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
