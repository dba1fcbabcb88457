import { AppError } from '../http/index.ts';

/**
 * Why a link could not be made or read. Stable: the UI and the tests compare against these.
 * - `too-large`: the link (or the task it would carry) is over a size cap.
 * - `bomb`: the data inflates past the cap; inflation stopped there.
 * - `corrupt`: not a Patchbay link, bad base64url, or broken deflate or UTF-8 data.
 * - `not-json`: the inflated text is not JSON.
 * - `invalid`: the JSON does not match the schema; the message names the field path.
 * - `unsupported-version`: made by a Patchbay this one cannot read.
 */
export type ShareErrorCode =
	'too-large' | 'bomb' | 'corrupt' | 'not-json' | 'invalid' | 'unsupported-version';

const hints: Record<ShareErrorCode, string> = {
	'too-large': 'Share without the log or the patch to make the link shorter.',
	bomb: 'This link expands to too much data to open safely. Ask for a smaller link.',
	corrupt: 'The link may be cut short; copy the whole link again.',
	'not-json': 'The link may be damaged; copy the whole link again.',
	invalid: 'The link may be damaged or made by a modified app; ask for a new link.',
	'unsupported-version': 'Reload Patchbay to get the newest version, then open the link again.'
};

export class ShareError extends AppError {
	declare readonly code: ShareErrorCode;
	/** For `invalid`: the field the message is about, e.g. `result.usage.totalTokens`. */
	readonly path: string | undefined;

	constructor(code: ShareErrorCode, message: string, options?: { path?: string; cause?: unknown }) {
		super(code, message, hints[code], { cause: options?.cause });
		this.name = 'ShareError';
		this.path = options?.path;
	}
}
