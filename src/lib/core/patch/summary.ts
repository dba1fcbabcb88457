import type { AppliedChange } from './model.ts';

const LETTER = { add: 'A', update: 'M', delete: 'D' } as const;

/**
 * Codex's success message: added, then modified (a moved file under its new path), then
 * deleted files, one `<letter> <path>` line each, in patch order within each group.
 */
export function formatSummary(changes: readonly AppliedChange[]): string {
	const lines = (['add', 'update', 'delete'] as const).flatMap((type) =>
		changes
			.filter((change) => change.type === type)
			.map((change) => `${LETTER[type]} ${change.movePath ?? change.path}`)
	);
	return ['Success. Updated the following files:', ...lines].join('\n');
}
