// Pull requests live in memory, per repository; the branches they name live in git.
export type PullRecord = {
	number: number;
	title: string;
	body: string | null;
	head: string;
	base: string;
	draft: boolean;
	state: 'open' | 'closed';
	user: string;
	maintainerCanModify: boolean;
	createdAt: string;
	/** The head commit when the PR was opened, reported if the branch is later deleted. */
	headSha: string;
};

export class PullStore {
	#byRepo = new Map<string, PullRecord[]>();

	list(repoKey: string): PullRecord[] {
		return this.#byRepo.get(repoKey) ?? [];
	}

	add(repoKey: string, fields: Omit<PullRecord, 'number'>): PullRecord {
		const pulls = this.#byRepo.get(repoKey) ?? [];
		const record = { ...fields, number: pulls.length + 1 };
		this.#byRepo.set(repoKey, [...pulls, record]);
		return record;
	}
}
