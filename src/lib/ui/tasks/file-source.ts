// Where the file view gets a file as it stood at the end of an attempt: the attempt's stored
// changes for files it touched, the baseline for the rest — from the sandbox session this page
// still holds, or else from a checkout of the branch in the git worker (cached per attempt).
import type { AttemptRecord, EnvironmentRecord, TaskRecord } from '$lib/core/store';
import { settingsRepo } from '$lib/core/store';
import { appDb } from '../db';
import { gitAccess } from '../environments/environment-editor.svelte';
import { gitRequest } from '../workers/git-client';
import { taskRunner } from './task-runner.svelte';

export type FileContent =
	| { kind: 'text'; text: string; note: string }
	| { kind: 'binary'; size: number }
	| { kind: 'missing'; message: string };

type Checkout = { commit: string; files: Map<string, Uint8Array> };

const checkouts = new Map<string, Promise<Checkout>>();

function contentOf(bytes: Uint8Array, note: string): FileContent {
	if (bytes.subarray(0, 8000).includes(0)) return { kind: 'binary', size: bytes.length };
	return { kind: 'text', text: new TextDecoder().decode(bytes), note };
}

async function checkoutOf(task: TaskRecord, environment: EnvironmentRecord): Promise<Checkout> {
	const settings = await settingsRepo(await appDb()).get();
	const { baseline, files } = await gitRequest({
		type: 'checkout',
		access: gitAccess(environment.repoUrl, settings),
		branch: task.branch
	});
	return { commit: baseline.commit, files: new Map(files.map((f) => [f.path, f.data])) };
}

/** Paths the file view can show without a checkout: the changed files and the held baseline. */
export function knownPaths(attempt: AttemptRecord): { paths: Set<string>; complete: boolean } {
	const changed = attempt.result?.changes ?? [];
	const baseline = taskRunner.baselinePaths(attempt.id);
	const paths = new Set([
		...(baseline ?? []),
		...changed.filter((c) => c.after).map((c) => c.path)
	]);
	return { paths, complete: baseline !== undefined };
}

export function attemptFileSource(
	task: TaskRecord,
	environment: EnvironmentRecord | undefined,
	attempt: AttemptRecord
): (path: string) => Promise<FileContent> {
	return async (path) => {
		const change = attempt.result?.changes.find((c) => c.path === path);
		if (change) {
			return change.after
				? contentOf(change.after, 'as this attempt left it')
				: { kind: 'missing', message: `This attempt deleted ${path}.` };
		}
		const held = await taskRunner.baselineFile(attempt.id, path);
		if (held !== undefined) {
			return held
				? contentOf(held, 'unchanged')
				: { kind: 'missing', message: `${path} is not in the repository.` };
		}
		if (!environment)
			return { kind: 'missing', message: 'The environment of this task was deleted.' };
		let pending = checkouts.get(attempt.id);
		if (!pending) {
			pending = checkoutOf(task, environment);
			checkouts.set(attempt.id, pending);
			pending.catch(() => checkouts.delete(attempt.id));
		}
		const checkout = await pending;
		const bytes = checkout.files.get(path);
		if (!bytes) return { kind: 'missing', message: `${path} is not in the repository.` };
		const expected = attempt.result?.baseline.commit;
		const note =
			expected && expected !== checkout.commit
				? `unchanged; from ${task.branch} at ${checkout.commit.slice(0, 7)} (the branch has moved since the attempt)`
				: 'unchanged';
		return contentOf(bytes, note);
	};
}
