// The Gitea/Forgejo API v1 calls one repository needs (Codeberg runs Forgejo).
import { ForgeHttpError, type RestClient } from '../rest-client.ts';

export type GiteaRepo = {
	default_branch: string;
	private: boolean;
	html_url: string;
	empty?: boolean;
};
export type GiteaBranch = { name: string; commit: { id: string } };
export type GiteaPull = {
	number: number;
	html_url: string;
	title: string;
	body: string;
	head: { ref: string };
	base: { ref: string };
};

const enc = encodeURIComponent;

export type RepoApi = ReturnType<typeof repoApi>;

export function repoApi(client: RestClient, path: string, signal?: AbortSignal) {
	const [owner = '', name = ''] = path.split('/');
	const base = `/repos/${enc(owner)}/${enc(name)}`;
	const send = async <T>(method: string, sub: string, body: unknown) =>
		(await client.request<T>(method, `${base}${sub}`, { body, signal })).data;
	return {
		repo: () => client.get<GiteaRepo>(base, signal),
		branches: (page: number) =>
			client.get<GiteaBranch[]>(`${base}/branches?page=${page}&limit=50`, signal),
		async branchHead(branch: string): Promise<string | null> {
			try {
				return (await client.get<GiteaBranch>(`${base}/branches/${enc(branch)}`, signal)).commit.id;
			} catch (error) {
				if (error instanceof ForgeHttpError && error.status === 404) return null;
				throw error;
			}
		},
		openPulls: (page: number) =>
			client.get<GiteaPull[]>(`${base}/pulls?state=open&page=${page}&limit=50`, signal),
		createPull: (body: Record<string, unknown>) => send<GiteaPull>('POST', '/pulls', body),
		updatePull: (index: number, body: Record<string, unknown>) =>
			send<GiteaPull>('PATCH', `/pulls/${index}`, body)
	};
}
