// The baseline commit's message and people, as the checkout learns them, for the sandbox's
// `git log`/`git show` to print as git prints that commit.

/** The baseline commit's metadata, when the checkout knows it (a cached baseline may not). */
export type CommitInfo = {
	/** The whole message exactly as the commit stores it: subject, blank line, body. */
	message: string;
	/** `Name <email>`. */
	author?: string;
	/** ISO 8601 with the author's own offset, e.g. `2024-05-01T12:00:00+02:00`. */
	date?: string;
	/** `Name <email>`; absent: the same as the author. */
	committer?: string;
	/** ISO 8601 with the committer's offset; absent: the author's date. */
	committerDate?: string;
};

/** A person line of a commit object as isomorphic-git reads it (offset in minutes west). */
export type CommitPerson = {
	name: string;
	email: string;
	timestamp: number;
	timezoneOffset: number;
};

/** From a commit object read out of the store (smart HTTP has it in the fetched pack). */
export function commitInfoOf(commit: {
	message: string;
	author: CommitPerson;
	committer: CommitPerson;
}): CommitInfo {
	return {
		message: commit.message,
		author: `${commit.author.name} <${commit.author.email}>`,
		date: isoDate(commit.author.timestamp, -commit.author.timezoneOffset),
		committer: `${commit.committer.name} <${commit.committer.email}>`,
		committerDate: isoDate(commit.committer.timestamp, -commit.committer.timezoneOffset)
	};
}

/** Epoch seconds and minutes east of UTC as ISO 8601 in that zone (`…T14:07:09+01:30`). */
export function isoDate(epochSeconds: number, offsetMinutes: number): string {
	const local = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
