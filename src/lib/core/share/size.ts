// Helpers for the UI to warn before a link is too long to open, and to make it shorter.
import { PRACTICAL_URL_LIMIT } from './limits.ts';
import { withoutUndefined } from './read-fields.ts';
import type { SharedTask } from './schema.ts';

export type ShareSize = {
	/** Characters of the whole URL: `urlPrefix` plus the encoded task. */
	chars: number;
	limit: number;
	/** False: too long for some browsers; drop the log or the patch (`shrinkShare`). */
	fits: boolean;
};

/** How long a link is against the practical URL limit. */
export function shareSize(encoded: string, urlPrefix = ''): ShareSize {
	const chars = urlPrefix.length + encoded.length;
	return { chars, limit: PRACTICAL_URL_LIMIT, fits: chars <= PRACTICAL_URL_LIMIT };
}

export type ShrinkOptions = { dropLog?: boolean; dropPatch?: boolean; dropAudit?: boolean };

/** A copy of the task without the chosen parts of its result; the input is left as it was. */
export function shrinkShare(task: SharedTask, options: ShrinkOptions): SharedTask {
	if (task.result === undefined) return { ...task };
	const { logExcerpt, patch, networkAudit, ...rest } = task.result;
	const result = withoutUndefined({
		...rest,
		logExcerpt: options.dropLog ? undefined : logExcerpt,
		patch: options.dropPatch ? undefined : patch,
		networkAudit: options.dropAudit ? undefined : networkAudit
	});
	return { ...task, result };
}
