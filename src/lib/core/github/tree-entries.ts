// The tree a push writes, as edits to the baseline tree: a blob for each new or changed file
// (created in parallel, paced by the client's write gate) and a null sha for each path that is
// gone, the old path of a rename and a removed submodule included. Submodules the attempt did
// not touch stay as they are in the base tree.
import { hashBlob, textOf, type FileChange } from '../diff/index.ts';
import { AppError } from '../http/index.ts';
import { toBase64 } from './base64.ts';
import type { RepoCall } from './repo-call.ts';

export type BlobMode = '100644' | '100755' | '120000';
export type TreeEdit =
	| { path: string; mode: BlobMode; type: 'blob'; sha: string | null }
	/** A submodule (gitlink) the attempt removed or replaced: its entry goes. */
	| { path: string; mode: '160000'; type: 'commit'; sha: null };

const MODES: ReadonlySet<string> = new Set(['100644', '100755', '120000']);
const GITLINK = '160000';

function modeOf(change: FileChange, mode = change.afterMode ?? change.beforeMode): BlobMode {
	if (mode === undefined) return '100644';
	if (!MODES.has(mode)) {
		throw new AppError(
			'unsupported-mode',
			`${change.path} has mode ${mode}, which a push cannot write.`,
			'Only regular files, executables and symbolic links can be pushed; leave this path out.'
		);
	}
	return mode as BlobMode;
}

/** The blob id of `change.after`, creating the blob unless the baseline already holds it. */
async function blobFor(call: RepoCall, change: FileChange, after: Uint8Array): Promise<string> {
	const oid = change.afterOid ?? (await hashBlob(after));
	// Same bytes as before (a rename, a mode change): the repository has this blob already.
	const before = change.before && (change.beforeOid ?? (await hashBlob(change.before)));
	if (before === oid) return oid;
	const text = textOf(after);
	const { data } = await call.octokit.rest.git.createBlob({
		owner: call.owner,
		repo: call.repo,
		content: text ?? toBase64(after),
		encoding: text === null ? 'base64' : 'utf-8',
		request: { signal: call.signal }
	});
	if (data.sha !== oid) {
		throw new AppError(
			'push-corrupt',
			`GitHub stored ${change.path} with different bytes than the attempt has (${data.sha} ≠ ${oid}).`,
			'Nothing was pushed. Please report this: the file would have been pushed altered.'
		);
	}
	return oid;
}

export async function writeTreeEdits(
	call: RepoCall,
	changes: readonly FileChange[],
	onBlob: (done: number, total: number) => void
): Promise<TreeEdit[]> {
	const written = changes.filter((change) => change.after !== null);
	// The first failure cancels the blobs still waiting for the write gate.
	const failed = new AbortController();
	const signal = call.signal ? AbortSignal.any([call.signal, failed.signal]) : failed.signal;
	let done = 0;
	const sets = await Promise.all(
		written.map(async (change): Promise<TreeEdit> => {
			try {
				const mode = modeOf(change);
				const sha = await blobFor({ ...call, signal }, change, change.after!);
				onBlob(++done, written.length);
				return { path: change.path, mode, type: 'blob', sha };
			} catch (error) {
				failed.abort(error);
				throw error;
			}
		})
	);
	const setPaths = new Set(written.map((change) => change.path));
	const gone = new Map<string, BlobMode | '160000'>();
	for (const change of changes) {
		const oldPath = change.oldPath ?? change.path;
		if (change.before !== null && (change.after === null || oldPath !== change.path)) {
			const gitlink = change.beforeMode === GITLINK;
			gone.set(oldPath, gitlink ? GITLINK : modeOf(change, change.beforeMode));
		}
	}
	// Deletions first, and never for a path that gets new content: edits apply in order.
	const deletions = [...gone]
		.filter(([path]) => !setPaths.has(path))
		.map(([path, mode]): TreeEdit =>
			mode === GITLINK
				? { path, mode, type: 'commit', sha: null }
				: { path, mode, type: 'blob', sha: null }
		);
	return [...deletions, ...sets];
}
