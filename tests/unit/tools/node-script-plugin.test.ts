// The `?node-script` bundle's cache key (tools/vite-node-script-plugin.js): Vitest's module cache
// keys a module on its own source, so the plugin adds a digest of every file the bundle was made
// of; a change to a module the entry imports must change the key, and the rebuilt bundle with it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleKey, nodeScript } from '../../../tools/vite-node-script-plugin.js';
import { removeDir, tempDir } from '../diff/git-repo.ts';

let dir = '';
let entry = '';
let imported = '';
beforeAll(() => {
	dir = tempDir('patchbay-node-script-');
	entry = join(dir, 'main.ts');
	imported = join(dir, 'words.ts');
	writeFileSync(entry, "import { word } from './words.ts';\nconsole.log(word);\n");
	writeFileSync(imported, "export const word: string = 'first';\n");
});
afterAll(() => removeDir(dir));

/** The plugin's load hook, as Vite calls it for `main.ts?node-script`. */
async function bundle(): Promise<string> {
	const plugin = nodeScript() as unknown as {
		load(this: { addWatchFile(file: string): void }, id: string): Promise<string>;
	};
	const code = await plugin.load.call({ addWatchFile: () => {} }, `${entry}?node-script`);
	return JSON.parse(code.slice('export default '.length, -1)) as string;
}

describe('the node-script bundle’s cache key', () => {
	it('is no key (no caching) before the entry was ever built', () => {
		expect(bundleKey(entry)).toBe(false);
	});

	it('follows a module the entry imports, not only the entry', async () => {
		const first = await bundle();
		const key = bundleKey(entry);
		expect(first).toContain('first');
		expect(key).toMatch(/^[0-9a-f]{40}$/);
		expect(bundleKey(entry)).toBe(key);

		writeFileSync(imported, "export const word: string = 'second';\n");
		const changed = bundleKey(entry);
		expect(changed).not.toBe(key);
		const second = await bundle();
		expect(second).toContain('second');
		expect(second).not.toContain('first');
		expect(bundleKey(entry)).toBe(changed);
	});
});
