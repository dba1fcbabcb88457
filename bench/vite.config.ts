// Builds the bench page (bench/page) with the app's own browser settings — its `patchbay:*` Vite
// plugins and its browser aliases, taken from the project's vite.config.ts so they stay in step —
// plus `$lib` for the review component's imports and Svelte 5 runes (no SvelteKit).
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig, type AliasOptions, type Plugin, type PluginOption } from 'vite';
import appConfig from '../vite.config.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const pageOutDir = here('./.cache/page-dist');

const isOwnPlugin = (plugin: PluginOption): plugin is Plugin =>
	!!plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name.startsWith('patchbay:');

const appAliases = (appConfig.resolve?.alias ?? {}) as Exclude<AliasOptions, readonly unknown[]>;

export default defineConfig({
	root: here('./page'),
	base: './',
	logLevel: 'warn',
	plugins: [
		...(appConfig.plugins ?? []).filter(isOwnPlugin),
		svelte({ configFile: false, preprocess: vitePreprocess(), compilerOptions: { runes: true } })
	],
	resolve: { alias: { ...appAliases, $lib: here('../src/lib') } },
	worker: { format: 'es' },
	build: { outDir: pageOutDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 10_000 }
});
