import type { AttemptStatus } from '$lib/core/store';

const order: AttemptStatus[] = [
	'running',
	'preparing',
	'queued',
	'interrupted',
	'failed',
	'cancelled',
	'done'
];

/** One status for a task: the most pressing of its attempts'. */
export function taskStatus(attempts: { status: AttemptStatus }[]): AttemptStatus | 'empty' {
	for (const status of order) if (attempts.some((a) => a.status === status)) return status;
	return 'empty';
}

export function age(time: number, now = Date.now()): string {
	const seconds = Math.max(0, Math.round((now - time) / 1000));
	if (seconds < 60) return 'just now';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.round(minutes / 60);
	if (hours < 24) return `${hours} h ago`;
	return `${Math.round(hours / 24)} d ago`;
}
