export type PushProgress = {
	/** blobs: one per new or changed file; tree; branch: the commit and the ref; done. */
	phase: 'blobs' | 'tree' | 'branch' | 'done';
	done: number;
	total: number;
};

export type PushResult = {
	branch: string;
	commitSha: string;
	/** The branch's page on its host. */
	url: string;
	/**
	 * created: a new branch; updated: the attempt's branch fast-forwarded; up-to-date: the branch
	 * already held this push (a retry after a lost answer, or a follow-up that changed nothing).
	 */
	outcome: 'created' | 'updated' | 'up-to-date';
};
