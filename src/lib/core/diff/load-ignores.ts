import { parseGitignore } from './gitignore.ts';
import { createIgnoreMatcher, parentOf, type IgnoreMatcher } from './ignore-matcher.ts';
import type { SandboxEntry } from './types.ts';

export type IgnoreSettings = {
	dependencyDirs: string[];
	/** Extra rules with the lowest precedence, in .gitignore syntax (like .git/info/exclude). */
	excludeText: string;
};

const decoder = new TextDecoder();

/**
 * Reads the worktree's .gitignore files, shallowest first, skipping those inside ignored
 * directories (git never looks there), and returns a matcher with all of them loaded.
 */
export async function loadIgnores(
	listing: SandboxEntry[],
	read: (path: string) => Promise<Uint8Array>,
	settings: IgnoreSettings
): Promise<IgnoreMatcher> {
	const matcher = createIgnoreMatcher({
		alwaysIgnoredDirs: settings.dependencyDirs,
		fallback: parseGitignore(settings.excludeText)
	});
	const byDepth = new Map<number, string[]>();
	for (const { path, mode } of listing) {
		if (mode === '120000' || !(path === '.gitignore' || path.endsWith('/.gitignore'))) continue;
		const depth = path.split('/').length;
		byDepth.set(depth, [...(byDepth.get(depth) ?? []), path]);
	}
	for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
		const paths = byDepth.get(depth)!.filter((path) => {
			const dir = parentOf(path);
			return dir === '' || !matcher.isIgnoredDir(dir);
		});
		const texts = await Promise.all(paths.map(async (path) => decoder.decode(await read(path))));
		paths.forEach((path, i) => matcher.addLevel(parentOf(path), parseGitignore(texts[i]!)));
	}
	return matcher;
}
