import { AppError } from '$lib/core/http';
import type { CheckState } from '$lib/ui/check-state';

/** Runs a "Test" check and turns its outcome into what CheckResult shows. */
export async function runCheck(check: () => Promise<string>): Promise<CheckState> {
	try {
		return { kind: 'ok', message: await check() };
	} catch (error) {
		if (error instanceof AppError) {
			return { kind: 'error', code: error.code, message: error.message, hint: error.hint };
		}
		return { kind: 'error', code: 'unexpected', message: String(error), hint: '' };
	}
}
