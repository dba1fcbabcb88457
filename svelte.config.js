import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './tools/security-headers.js';

// PATCHBAY_OUT gives a build its own folders, so two builds (e.g. a bench and an e2e run) can
// run side by side without overwriting each other.
const out = process.env.PATCHBAY_OUT;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({
			fallback: 'index.html',
			pages: out ? `${out}/build` : 'build',
			assets: out ? `${out}/build` : 'build'
		}),
		...(out ? { outDir: `${out}/.svelte-kit` } : {}),
		router: { type: 'hash' },
		// Registered by lib/ui/app-update.svelte.ts, which also offers updates to the user.
		serviceWorker: { register: false },
		// 'hash' lets SvelteKit's own bootstrap script run while every other inline script is refused.
		csp: { mode: 'hash', directives: cspDirectives }
	}
};

export default config;
