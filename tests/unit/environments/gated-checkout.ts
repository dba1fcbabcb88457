// A checkout double for the early start: it lists a small tree and sends AGENTS.md at once, and
// finishes (or fails) only when the test opens its gate.
import type { CheckedOut } from '../../../src/lib/core/environments/index.ts';
import { blobOid } from '../../../src/lib/core/diff/index.ts';
import type { Baseline, CheckoutProgress } from '../../../src/lib/core/git/index.ts';
import type { AppError } from '../../../src/lib/core/http/index.ts';

const text = new TextEncoder();
export const TREE: Record<string, string> = {
	'AGENTS.md': '# Rules\nBe brief.\n',
	'README.md': '# demo\n',
	'deep/a/b/c/needle.txt': 'found me\n'
};

export async function checkedOut(): Promise<CheckedOut> {
	const files = await Promise.all(
		Object.entries(TREE).map(async ([path, body]) => {
			const data = text.encode(body);
			return { path, mode: '100644' as const, oid: await blobOid(data), data };
		})
	);
	const baseline: Baseline = {
		commit: 'c'.repeat(40),
		tree: 't'.repeat(40),
		branch: 'main',
		entries: files.map(({ path, mode, oid }) => ({ path, mode, oid })),
		skipped: []
	};
	return {
		baseline,
		files,
		stats: { requests: 4, filesFetched: 3, bytesFetched: 40, fromCache: false }
	};
}

/** A checkout that lists the tree and sends AGENTS.md at once, and finishes when told to. */
export async function gatedCheckout(fail?: AppError) {
	const whole = await checkedOut();
	let open: () => void = () => {};
	const gate = new Promise<void>((resolve) => (open = resolve));
	let finished = false;
	return {
		open,
		get finished() {
			return finished;
		},
		checkout: async (onProgress: (p: CheckoutProgress) => void) => {
			const first = whole.baseline.entries
				.filter((entry) => entry.path === 'AGENTS.md')
				.map(({ path, oid }) => ({
					path,
					mode: '100644' as const,
					oid,
					data: text.encode(TREE[path])
				}));
			onProgress({
				phase: 'listing',
				loaded: 0,
				total: 3,
				bytes: 0,
				listed: { baseline: whole.baseline, files: first }
			});
			await gate;
			finished = true;
			if (fail) throw fail;
			return whole;
		}
	};
}
