/** The whole of what a call threw, as plain data a test can compare in one `toEqual`. */
export async function caught(work: () => unknown): Promise<Record<string, unknown>> {
	try {
		await work();
	} catch (error) {
		if (!(error instanceof Error)) return { thrown: error };
		// `cause` is not enumerable, so spreading the error's own fields would drop it.
		const cause = 'cause' in error ? { cause: error.cause } : {};
		const fields: Record<string, unknown> = { ...error };
		return { name: error.name, message: error.message, ...cause, ...fields };
	}
	throw new Error('expected the call to throw');
}
