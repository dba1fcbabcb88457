// AGENTS.md discovery, Codex's way: one file per directory from the repository root down to the
// working directory (AGENTS.override.md in place of AGENTS.md where both exist), root first so
// deeper, more specific files come later and win; 32 KiB in all, cut with a note past that.
import { normaliseRelative, type Sandbox } from '../sandbox/index.ts';

export type AgentsDoc = { path: string; text: string; truncated: boolean };

export const AGENTS_MAX_BYTES = 32 * 1024;
const NAMES = ['AGENTS.override.md', 'AGENTS.md'];

/** The AGENTS.md files that apply in `cwd` (relative to the sandbox root), root first. */
export async function loadAgentsInstructions(
	sandbox: Sandbox,
	cwd = '',
	maxBytes = AGENTS_MAX_BYTES
): Promise<AgentsDoc[]> {
	const found: Array<{ path: string; bytes: Uint8Array }> = [];
	for (const dir of directoriesDownTo(normaliseRelative(cwd))) {
		const doc = await firstDoc(sandbox, dir);
		if (doc) found.push(doc);
	}
	const docs: AgentsDoc[] = [];
	let remaining = maxBytes;
	for (const [at, { path, bytes }] of found.entries()) {
		if (bytes.length <= remaining) {
			docs.push({ path, text: decode(bytes), truncated: false });
			remaining -= bytes.length;
			continue;
		}
		const left = found.slice(at + 1).map((doc) => doc.path);
		const note =
			`[Truncated: AGENTS.md files are limited to ${maxBytes} bytes in all; ` +
			`${bytes.length - remaining} bytes of this file` +
			(left.length ? ` and all of ${left.join(', ')}` : '') +
			' were left out.]';
		docs.push({
			path,
			text: `${decode(bytes.subarray(0, remaining)).trimEnd()}\n\n${note}`,
			truncated: true
		});
		break;
	}
	return docs;
}

/** '' for the root, then each directory down to `dir`. */
function directoriesDownTo(dir: string): string[] {
	const parts = dir ? dir.split('/') : [];
	return ['', ...parts.map((_, at) => parts.slice(0, at + 1).join('/'))];
}

async function firstDoc(sandbox: Sandbox, dir: string) {
	for (const name of NAMES) {
		const path = dir ? `${dir}/${name}` : name;
		const bytes = await sandbox.readFile(path);
		// An empty file says nothing; Codex skips it too.
		if (bytes && decode(bytes).trim()) return { path, bytes };
	}
	return null;
}

/** UTF-8, dropping a character the byte cap split in two. */
function decode(bytes: Uint8Array): string {
	return new TextDecoder().decode(bytes).replace(/\uFFFD$/, '');
}
