// Users as GitHub describes them (`simple-user`, `private-user`), plus the stable ids and node
// ids every other shape borrows.
import type { components } from '@octokit/openapi-types';

type SimpleUser = components['schemas']['simple-user'];
type PrivateUser = components['schemas']['private-user'];

/** A fixed timestamp for fields no test reasons about, so bodies stay comparable run to run. */
export const epoch = '2024-01-01T00:00:00Z';

/** GitHub ids are numbers; a hash of the key keeps one login's id the same in every run. */
export function stableId(key: string): number {
	let hash = 0x811c9dc5;
	for (const char of key) {
		hash ^= char.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 1) + 1;
}

export function nodeId(kind: string, key: string): string {
	return Buffer.from(`${kind}:${key}`).toString('base64');
}

/** The address GitHub gives commits made by a user who keeps their email private. */
export function noreplyEmail(login: string): string {
	return `${stableId(login)}+${login}@users.noreply.github.com`;
}

export function simpleUser(base: string, login: string): SimpleUser {
	const url = `${base}/users/${login}`;
	return {
		login,
		id: stableId(login),
		node_id: nodeId('User', login),
		avatar_url: `${base}/avatars/${login}`,
		gravatar_id: '',
		url,
		html_url: `${base}/${login}`,
		followers_url: `${url}/followers`,
		following_url: `${url}/following{/other_user}`,
		gists_url: `${url}/gists{/gist_id}`,
		starred_url: `${url}/starred{/owner}{/repo}`,
		subscriptions_url: `${url}/subscriptions`,
		organizations_url: `${url}/orgs`,
		repos_url: `${url}/repos`,
		events_url: `${url}/events{/privacy}`,
		received_events_url: `${url}/received_events`,
		type: 'User',
		user_view_type: 'public',
		site_admin: false
	};
}

export function privateUser(base: string, login: string): PrivateUser {
	return {
		...simpleUser(base, login),
		user_view_type: 'private',
		name: login,
		company: null,
		blog: '',
		location: null,
		email: null,
		notification_email: null,
		hireable: null,
		bio: null,
		twitter_username: null,
		public_repos: 0,
		public_gists: 0,
		followers: 0,
		following: 0,
		created_at: epoch,
		updated_at: epoch,
		private_gists: 0,
		total_private_repos: 0,
		owned_private_repos: 0,
		disk_usage: 0,
		collaborators: 0,
		two_factor_authentication: true,
		plan: { name: 'free', space: 976562499, private_repos: 10000, collaborators: 0 }
	};
}
