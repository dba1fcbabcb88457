import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const SUFFIX = '?node-script';

/**
 * Where each bundle's module list is kept between runs: Vitest's module cache keys a module on
 * its own source (for `main.ts?node-script`, main.ts only), so the key below hashes every file
 * the last build of that entry read, which only this list can name before the next build.
 */
const LISTS_DIR = fileURLToPath(new URL('../node_modules/.cache/node-script/', import.meta.url));

/** @param {string} input */
const listFile = (input) => `${LISTS_DIR}${createHash('sha1').update(input).digest('hex')}.json`;

/**
 * The files the last build of `input` bundled, or null when it has not been built here yet.
 * @param {string} input
 * @returns {string[] | null}
 */
function lastModules(input) {
	try {
		return JSON.parse(readFileSync(listFile(input), 'utf8'));
	} catch {
		return null;
	}
}

/**
 * A digest of every file the bundle is made of (its entry and all it imports), or false (do not
 * cache) when that set is not known yet. A file that changes changes the key; an import added or
 * removed is a change to a file already in the set.
 * @param {string} input
 * @returns {string | false}
 */
export function bundleKey(input) {
	const modules = lastModules(input);
	if (!modules) return false;
	const digest = createHash('sha1');
	for (const file of modules) {
		digest.update(file).update('\0');
		try {
			digest.update(readFileSync(file));
		} catch {
			digest.update('(missing)');
		}
		digest.update('\0');
	}
	return digest.digest('hex');
}

/**
 * `import source from './entry.ts?node-script'` gives the entry module bundled, with everything
 * it imports, into one self-contained CommonJS script for Node (as a string), to be written
 * into the WebContainer and run there. The script is built from the same TypeScript the page
 * runs, so the two cannot drift apart. Node's built-in modules stay `require`s.
 * @returns {import('vite').Plugin}
 */
export function nodeScript() {
	return {
		name: 'patchbay:node-script',
		enforce: 'pre',
		/** @param {{ defineCacheKeyGenerator(generator: (context: { id: string }) => string | false | undefined): void }} context */
		configureVitest({ defineCacheKeyGenerator }) {
			defineCacheKeyGenerator(({ id }) =>
				id.endsWith(SUFFIX) ? bundleKey(id.slice(0, -SUFFIX.length)) : undefined
			);
		},
		async resolveId(source, importer) {
			if (!source.endsWith(SUFFIX)) return null;
			const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, {
				skipSelf: true
			});
			return resolved ? resolved.id + SUFFIX : null;
		},
		async load(id) {
			if (!id.endsWith(SUFFIX)) return null;
			const input = id.slice(0, -SUFFIX.length);
			/** Every file the build reads, kept in the bundle or shaken out. */
			const modules = new Set();
			const bundle = await build({
				input,
				write: false,
				platform: 'node',
				external: [/^node:/],
				plugins: [
					{
						name: 'patchbay:node-script-files',
						/** @param {string} module */
						load(module) {
							if (!module.startsWith('\0')) modules.add(module);
							return null;
						}
					}
				],
				output: { format: 'cjs', minify: true, banner: '#!/usr/bin/env node' }
			});
			for (const module of modules) this.addWatchFile(module);
			mkdirSync(LISTS_DIR, { recursive: true });
			writeFileSync(listFile(input), JSON.stringify([...modules].sort()));
			const [entry] = bundle.output;
			return `export default ${JSON.stringify(entry.code)};`;
		}
	};
}
