import { build } from 'rolldown';

const SUFFIX = '?node-script';

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
			const bundle = await build({
				input,
				write: false,
				platform: 'node',
				external: [/^node:/],
				output: { format: 'cjs', minify: true, banner: '#!/usr/bin/env node' }
			});
			for (const chunk of bundle.output) {
				if (chunk.type !== 'chunk') continue;
				for (const module of chunk.moduleIds)
					if (!module.startsWith('\0')) this.addWatchFile(module);
			}
			const [entry] = bundle.output;
			return `export default ${JSON.stringify(entry.code)};`;
		}
	};
}
