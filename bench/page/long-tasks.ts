// The longest main-thread task while `work` runs (PerformanceObserver `longtask`: over 50 ms).
export async function watchLongTasks<T>(
	work: () => Promise<T>
): Promise<{ value: T; longestTaskMs: number }> {
	const durations: number[] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) durations.push(entry.duration);
	});
	observer.observe({ type: 'longtask' });
	const value = await work();
	// A task that ends with `work` is reported after it: give it a frame to arrive.
	await new Promise((resolve) => setTimeout(resolve, 50));
	for (const entry of observer.takeRecords()) durations.push(entry.duration);
	observer.disconnect();
	return { value, longestTaskMs: Math.max(0, ...durations) };
}

/** `performance.measureUserAgentSpecificMemory` when the page may use it (cross-origin isolated). */
export async function measureMemory(timeoutMs = 5_000): Promise<number | null> {
	const api = (
		performance as Performance & {
			measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
		}
	).measureUserAgentSpecificMemory;
	if (!api || !crossOriginIsolated) return null;
	const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
	const measured = api.call(performance).then((result) => result.bytes);
	return Promise.race([measured, timeout]);
}
