// Whether a stored snapshot may replace setup, which snapshots go first when space runs out,
// and how an age reads in the log.
import type { SnapshotRecord } from '../store/index.ts';
import type { SnapshotKey } from './key.ts';

export type SnapshotJudgement =
	| { kind: 'fresh'; record: SnapshotRecord; ageMs: number }
	| { kind: 'missing' }
	/** Another commit, setup script, variable or runtime. */
	| { kind: 'changed'; record: SnapshotRecord }
	/** Over the maximum age (or dated in the future: the clock moved, so it is not trusted). */
	| { kind: 'expired'; record: SnapshotRecord; ageMs: number };

export function judgeSnapshot(
	record: SnapshotRecord | undefined,
	key: SnapshotKey,
	now: number,
	maxAgeMs: number
): SnapshotJudgement {
	if (!record || record.environmentId !== key.environmentId) return { kind: 'missing' };
	if (record.commit !== key.commit || record.configHash !== key.configHash)
		return { kind: 'changed', record };
	const ageMs = now - record.createdAt;
	if (ageMs < 0 || ageMs >= maxAgeMs) return { kind: 'expired', record, ageMs };
	return { kind: 'fresh', record, ageMs };
}

/**
 * The environments whose snapshots to delete to free `needBytes`: oldest first, never `keep`.
 * When the others together hold less than that, all of them.
 */
export function evictionOrder(
	records: readonly SnapshotRecord[],
	needBytes: number,
	keep?: string
): string[] {
	const candidates = records
		.filter((r) => r.environmentId !== keep)
		.sort((a, b) => a.createdAt - b.createdAt);
	const chosen: string[] = [];
	let freed = 0;
	for (const record of candidates) {
		if (freed >= needBytes) break;
		chosen.push(record.environmentId);
		freed += record.bytes;
	}
	return chosen;
}

/** "less than a minute", "1 minute", "42 minutes", "3 hours", "2 days". */
export function formatAge(ms: number): string {
	const minutes = Math.floor(Math.max(0, ms) / 60_000);
	if (minutes < 1) return 'less than a minute';
	const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	if (minutes < 120) return unit(minutes, 'minute');
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return unit(hours, 'hour');
	return unit(Math.floor(hours / 24), 'day');
}

/** "12.3 MB", "850 KB", "120 B". */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
