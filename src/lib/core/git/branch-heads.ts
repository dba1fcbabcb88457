// The last commit each branch resolved to, and when: what a checkout falls back to when the
// host cannot be reached (the objects and baseline of that commit are already in the store).
import { ensurePatchbayDir, type ObjectStore } from './object-store.ts';

export type KnownHead = { commit: string; resolvedAt: number };

const headPath = (store: ObjectStore, branch: string) =>
	`${store.gitdir}/patchbay/head-${encodeURIComponent(branch)}.json`;

export async function rememberBranchHead(
	store: ObjectStore,
	branch: string,
	commit: string,
	now = Date.now()
): Promise<void> {
	await ensurePatchbayDir(store);
	const head: KnownHead = { commit, resolvedAt: now };
	await store.fs.promises.writeFile(headPath(store, branch), JSON.stringify(head), 'utf8');
}

export async function knownBranchHead(
	store: ObjectStore,
	branch: string
): Promise<KnownHead | null> {
	try {
		const text = (await store.fs.promises.readFile(headPath(store, branch), 'utf8')) as string;
		return JSON.parse(text) as KnownHead;
	} catch {
		return null;
	}
}
