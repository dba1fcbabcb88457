import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './tools/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ fallback: 'index.html' }),
		router: { type: 'hash' },
		// 'hash' lets SvelteKit's own bootstrap script run while every other inline script is refused.
		csp: { mode: 'hash', directives: cspDirectives }
	}
};

export default config;
