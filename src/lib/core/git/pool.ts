/** Runs `work` over `items` with at most `limit` at a time; stops early on the first failure. */
export async function inPool<T>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<void>
): Promise<void> {
	let next = 0;
	let failed = false;
	async function worker() {
		while (!failed && next < items.length) {
			const item = items[next++]!;
			try {
				await work(item);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
