// What the page leaves in the WebContainer for the `git` script: one state folder per attempt,
// outside the attempt's directory, holding the baseline manifest and the baseline's blobs.
import type { Baseline } from '../../git/index.ts';
import type { CommitInfo } from '../commands/types.ts';

/** The environment variable naming the attempt's state folder (absolute path). */
export const GIT_STATE_ENV = 'PATCHBAY_GIT_STATE';

/** `<state>/manifest.json`. Blobs are `<state>/objects/<oid>`, zlib-deflated. */
export type GitManifest = {
	version: 1;
	/** The attempt's directory, absolute: the repository root. */
	root: string;
	baseline: Baseline;
	commitInfo?: CommitInfo;
};

export const MANIFEST_FILE = 'manifest.json';
export const OBJECTS_DIR = 'objects';
