// `git` inside the WebContainer. The container cannot call back into the page, so the page
// leaves there what the sandbox's git needs: the git script (the Lite command bundled for Node,
// container-git/), a `git` on PATH that runs it, and per attempt a state folder with the
// baseline manifest and a zlib-compressed copy of every baseline blob (the attempt's own files
// change, so they cannot serve as the baseline).
import { zlibSync } from 'fflate';
import type { GitRepoOptions } from './commands/types.ts';
import {
	GIT_STATE_ENV,
	MANIFEST_FILE,
	OBJECTS_DIR,
	type GitManifest
} from './container-git/manifest.ts';
import { TOOLS_DIR } from './webcontainer-guard.ts';
import type { WebContainerLike } from './webcontainer.ts';

export const GIT_SCRIPT_FILE = `${TOOLS_DIR}/git.cjs`;
/** Put first on PATH. `git` there links to the script, laid out as npm links a package's bin. */
export const BIN_DIR = `${TOOLS_DIR}/bin`;

/** Writes the script and its `git` link once per container. */
export async function installGit(container: WebContainerLike): Promise<void> {
	const { GIT_SCRIPT } = await import('./container-git/script.ts');
	await container.fs.mkdir(BIN_DIR, { recursive: true });
	await container.fs.writeFile(GIT_SCRIPT_FILE, GIT_SCRIPT);
	await container.fs.rm(`${BIN_DIR}/git`, { force: true });
	await container.mount({ git: { file: { symlink: '../git.cjs' } } }, { mountPoint: BIN_DIR });
}

/** Writes the attempt's manifest and baseline blobs into `stateDir`, in one mount. */
export async function writeGitState(
	container: WebContainerLike,
	stateDir: string,
	root: string,
	options: GitRepoOptions
): Promise<void> {
	const manifest: GitManifest = {
		version: 1,
		root,
		baseline: options.baseline,
		...(options.commitInfo ? { commitInfo: options.commitInfo } : {})
	};
	const objects: Record<string, { file: { contents: Uint8Array } }> = {};
	let slice = Date.now();
	for (const { oid } of options.baseline.entries) {
		if (objects[oid]) continue;
		// Level 1: most of the saving for a fraction of the time; the page's thread does this.
		objects[oid] = { file: { contents: zlibSync(await options.readBaseline(oid), { level: 1 }) } };
		if (Date.now() - slice > 30) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			slice = Date.now();
		}
	}
	await container.fs.mkdir(stateDir, { recursive: true });
	await container.mount(
		{
			[MANIFEST_FILE]: { file: { contents: JSON.stringify(manifest) } },
			[OBJECTS_DIR]: { directory: objects }
		},
		{ mountPoint: stateDir }
	);
}

/** What an exec adds so that `git` is found (before any other) and knows its attempt. */
export function gitEnv(
	container: WebContainerLike,
	stateDir: string,
	path = container.path
): Record<string, string> {
	return {
		PATH: `${container.workdir}/${BIN_DIR}:${path}`,
		[GIT_STATE_ENV]: `${container.workdir}/${stateDir}`
	};
}
