// The x-ratelimit-* headers GitHub sends on every API response. Counted per caller per hour so
// a client that reads them sees them move; never enforced (inject a fault to test a 403/429).
export type RateLimiter = (identity: string | null) => Record<string, string>;

export function createRateLimiter(now: () => number = Date.now): RateLimiter {
	const used = new Map<string, number>();
	let resetAt = 0;
	return (identity) => {
		const seconds = Math.floor(now() / 1000);
		if (seconds >= resetAt) {
			used.clear();
			resetAt = seconds + 3600;
		}
		const key = identity ?? '';
		const count = (used.get(key) ?? 0) + 1;
		used.set(key, count);
		const limit = identity === null ? 60 : 5000;
		return {
			'x-ratelimit-limit': String(limit),
			'x-ratelimit-remaining': String(Math.max(0, limit - count)),
			'x-ratelimit-reset': String(resetAt),
			'x-ratelimit-used': String(count),
			'x-ratelimit-resource': 'core'
		};
	};
}
