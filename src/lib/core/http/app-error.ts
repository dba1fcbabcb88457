/**
 * An error a user can meet: a stable `code` tests and the UI compare against, a message
 * saying what went wrong, and a hint saying what to do next.
 */
export class AppError extends Error {
	readonly code: string;
	readonly hint: string;

	constructor(code: string, message: string, hint = '', options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'AppError';
		this.code = code;
		this.hint = hint;
	}
}

export function isAbortError(error: unknown): boolean {
	return (
		error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError')
	);
}
