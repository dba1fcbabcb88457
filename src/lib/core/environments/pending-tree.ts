// A sandbox whose files are still arriving: the agent starts on it while the checkout runs.
// Whatever touches the tree — a command (it may read any file), a write, a listing — waits
// until every file is in; reading one file waits only when the listing has it and it is not
// written yet, so the AGENTS.md files written first, and paths the commit does not have, answer
// at once. When the checkout fails, each of those calls fails with its error.
// paths.ts directly: the sandbox index pulls the runtimes in, and this module reaches the git
// worker's bundle (through core/start's share links → environments).
import { normaliseRelative } from '../sandbox/paths.ts';
import type { Sandbox } from '../sandbox/index.ts';

export function pendingTree(
	sandbox: Sandbox,
	ready: Promise<void>,
	/** Paths in the listing not written yet (relative, normalised). */
	pending: ReadonlySet<string>
): Sandbox {
	let done = false;
	const settled = ready.then(() => {
		done = true;
	});
	settled.catch(() => {}); // each call below rethrows it
	const whole = (signal?: AbortSignal) => (done ? undefined : untilAborted(settled, signal));
	return {
		kind: sandbox.kind,
		root: sandbox.root,
		async writeTree(files) {
			await whole();
			return sandbox.writeTree(files);
		},
		async writeFile(path, data, mode) {
			await whole();
			return sandbox.writeFile(path, data, mode);
		},
		async readFile(path) {
			if (!done && isPending(pending, path)) await settled;
			return sandbox.readFile(path);
		},
		async list(dir, options) {
			await whole();
			return sandbox.list(dir, options);
		},
		async remove(path) {
			await whole();
			return sandbox.remove(path);
		},
		async exec(command, options = {}) {
			// A cancelled attempt stops waiting; the sandbox then reports the command as aborted.
			await whole(options.signal);
			return sandbox.exec(command, options);
		},
		dispose: () => sandbox.dispose()
	};
}

function isPending(pending: ReadonlySet<string>, path: string): boolean {
	try {
		return pending.has(normaliseRelative(path));
	} catch {
		return false; // not a path inside the sandbox: the sandbox itself says so
	}
}

function untilAborted(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
	if (!signal) return promise;
	if (signal.aborted) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const stop = () => resolve();
		signal.addEventListener('abort', stop, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
	});
}
