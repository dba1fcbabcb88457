// Issues live in memory, per repository, with their comments. GitHub numbers issues and pull
// requests from one sequence; here issues count on their own, which no test reasons about.
export type IssueCommentRecord = { id: number; body: string; user: string; createdAt: string };

export type IssueRecord = {
	number: number;
	title: string;
	body: string | null;
	user: string;
	labels: string[];
	state: 'open' | 'closed';
	createdAt: string;
	comments: IssueCommentRecord[];
};

export type NewIssue = {
	title: string;
	body?: string | null;
	user: string;
	labels?: string[];
	state?: 'open' | 'closed';
	comments?: { user: string; body: string }[];
};

export class IssueStore {
	#byRepo = new Map<string, IssueRecord[]>();
	#commentIds = 1;

	list(repoKey: string): IssueRecord[] {
		return this.#byRepo.get(repoKey) ?? [];
	}

	get(repoKey: string, number: number): IssueRecord | undefined {
		return this.list(repoKey).find((issue) => issue.number === number);
	}

	add(repoKey: string, fields: NewIssue): IssueRecord {
		const issues = this.list(repoKey);
		const number = issues.length + 1;
		// Each issue a minute after the one before, so "newest first" has something to order by.
		const createdAt = new Date(Date.UTC(2024, 0, 1, 0, number)).toISOString().replace('.000', '');
		const record: IssueRecord = {
			number,
			title: fields.title,
			body: fields.body ?? null,
			user: fields.user,
			labels: fields.labels ?? [],
			state: fields.state ?? 'open',
			createdAt,
			comments: []
		};
		for (const comment of fields.comments ?? []) this.comment(record, comment.user, comment.body);
		this.#byRepo.set(repoKey, [...issues, record]);
		return record;
	}

	comment(issue: IssueRecord, user: string, body: string): IssueCommentRecord {
		const comment = { id: this.#commentIds++, body, user, createdAt: issue.createdAt };
		issue.comments.push(comment);
		return comment;
	}
}
