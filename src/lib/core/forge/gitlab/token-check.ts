// Settings' Test button for a GitLab host: who the token is, and its scopes (`api` writes).
import type { RestClient } from '../rest-client.ts';
import type { TokenCheck } from '../types.ts';

export async function checkGitLabToken(
	client: RestClient,
	signal?: AbortSignal
): Promise<TokenCheck> {
	const user = await client.get<{ username: string }>('/user', signal);
	const token = await client
		.get<{ scopes: string[] }>('/personal_access_tokens/self', signal)
		.catch(() => null);
	const scopes = token?.scopes ?? null;
	return {
		login: user.username,
		scopes,
		missing: scopes && !scopes.includes('api') ? ['api'] : []
	};
}
