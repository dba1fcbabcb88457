// A GET under the project's API whose answer is bytes, not JSON (a raw blob, the repository
// archive): the token as every other request carries it, a refusal as a ForgeHttpError with
// GitLab's message, so errors.ts explains it like any other.
import { credentialFor, type Credentials } from '../../credentials/index.ts';
import type { CheckoutStats } from '../../git/baseline.ts';
import { isAbortError } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';

export type BytesContext = { credentials: Credentials; fetch?: typeof fetch };

/** The response to `GET url`, once its status says OK (its body not yet read). */
export async function getBytes(
	context: BytesContext,
	url: string,
	signal: AbortSignal | undefined,
	stats: CheckoutStats
): Promise<Response> {
	// The token reaches only the host Settings saved it for, as for every other request.
	const credential = credentialFor(url, context.credentials, { use: 'git' });
	const headers: Record<string, string> = {};
	if (credential) headers.Authorization = `Bearer ${credential.password}`;
	const doFetch = context.fetch ?? ((input, init) => fetch(input, init));
	stats.requests++;
	let response: Response;
	try {
		response = await doFetch(url, { headers, signal });
	} catch (error) {
		throw notSent(error);
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
	return response;
}

/** A request that failed before an answer (offline, CORS, cancelled) as the REST client says it. */
export function notSent(error: unknown): ForgeHttpError {
	if (error instanceof ForgeHttpError) return error;
	const aborted = isAbortError(error);
	return new ForgeHttpError(undefined, aborted ? 'Cancelled.' : String(error), null, aborted);
}
