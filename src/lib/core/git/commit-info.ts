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

/**
 * From a commit object's text (smart HTTP has it in the fetched pack): its author and committer
 * lines and its message exactly as stored. isomorphic-git's readCommit is not used for this: it
 * adds a final newline to a message that has none, which `%B` would then print.
 */
export function commitInfoFromObject(text: string): CommitInfo | null {
	const split = text.indexOf('\n\n');
	if (split < 0) return null;
	const headers = text.slice(0, split).split('\n');
	const person = (key: string) => {
		const line = headers.find((h) => h.startsWith(`${key} `));
		const match = line && /^\S+ (.*) (\d+) ([+-])(\d\d)(\d\d)$/.exec(line);
		if (!match) return null;
		const offset = (match[3] === '-' ? -1 : 1) * (Number(match[4]) * 60 + Number(match[5]));
		return { ident: match[1]!, date: isoDate(Number(match[2]), offset) };
	};
	const author = person('author');
	const committer = person('committer');
	if (!author || !committer) return null;
	return {
		message: text.slice(split + 2),
		author: author.ident,
		date: author.date,
		committer: committer.ident,
		committerDate: committer.date
	};
}

/** Epoch seconds and minutes east of UTC as ISO 8601 in that zone (`…T14:07:09+01:30`). */
export function isoDate(epochSeconds: number, offsetMinutes: number): string {
	const local = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
