// A Lite preview of a static site in the sandbox: its index.html with the stylesheets, scripts,
// images and fonts it names inlined as data, so the page needs nothing from any URL. The service
// worker serves it with a policy that allows no network at all and gives it an opaque origin
// (src/service-worker.ts): a repository's page cannot reach the app's storage or the internet.
// (Chromium does not let a worker serve an opaque-origin document's subresources, so the files
// cannot be fetched from the worker one by one: inlining is what lets the page have them.)

/** Where a static site's index.html is looked for, in order. */
export const PREVIEW_ROOTS = ['', 'dist/', 'build/', 'public/'] as const;

/** The preview's own policy: its inlined files only, no requests, its own opaque origin. */
export const PREVIEW_CSP = [
	'sandbox allow-scripts',
	"default-src 'none'",
	'img-src data: blob:',
	'media-src data: blob:',
	'font-src data:',
	"style-src 'unsafe-inline' data:",
	"script-src 'unsafe-inline' data:",
	"frame-ancestors 'self'",
	"form-action 'none'",
	"base-uri 'none'"
].join('; ');

/** Where the service worker serves previews, under the app's base path, and the cache it reads. */
export const PREVIEW_PATH = '/__preview/';
export const PREVIEW_CACHE = 'patchbay-preview';

/** The headers of a served preview: its policy, and what an isolated page's frame needs (COEP). */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Content-Security-Policy': PREVIEW_CSP,
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Cache-Control': 'no-store'
};

/** Bytes inlined at most (the rest is left out, and the page shows it missing). */
export const PREVIEW_MAX_BYTES = 20 * 1024 * 1024;

/** The folder (with its slash, '' for the top) whose index.html is previewed, or null. */
export function previewRoot(paths: readonly string[]): string | null {
	const all = new Set(paths);
	return PREVIEW_ROOTS.find((root) => all.has(`${root}index.html`)) ?? null;
}

const TYPES: Record<string, string> = {
	css: 'text/css',
	js: 'text/javascript',
	mjs: 'text/javascript',
	json: 'application/json',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	avif: 'image/avif',
	svg: 'image/svg+xml',
	ico: 'image/x-icon',
	woff: 'font/woff',
	woff2: 'font/woff2',
	ttf: 'font/ttf',
	otf: 'font/otf',
	mp3: 'audio/mpeg',
	mp4: 'video/mp4',
	webm: 'video/webm',
	txt: 'text/plain',
	html: 'text/html'
};

export function mimeOf(path: string): string {
	return TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a reference in `fromDir` names (relative, or `/` for the preview root), or null. */
function resolveRef(ref: string, fromDir: string, root: string): string | null {
	const clean = ref.trim().replace(/[?#].*$/, '');
	if (!clean || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(clean)) return null;
	const joined = clean.startsWith('/') ? root + clean.slice(1) : fromDir + clean;
	const parts: string[] = [];
	for (const part of joined.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	let path = parts.join('/');
	try {
		path = decodeURIComponent(path);
	} catch {
		/* kept as written */
	}
	return path;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const attr = (name: string) =>
	new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
const valueOf = (match: RegExpExecArray) => match[2] ?? match[3] ?? match[4] ?? '';

/**
 * The previewed page as one self-contained document: `index.html` under `root`, with what it
 * references from `files` inlined. References to other hosts stay as written (the policy blocks them).
 */
export function previewDocument(files: ReadonlyMap<string, Uint8Array>, root: string): string {
	const entry = `${root}index.html`;
	const html = files.get(entry);
	if (!html) throw new Error(`No ${entry} to preview.`);
	let budget = PREVIEW_MAX_BYTES;
	const take = (path: string | null): Uint8Array | null => {
		const bytes = path === null ? undefined : files.get(path);
		if (!bytes || bytes.length > budget) return null;
		budget -= bytes.length;
		return bytes;
	};
	const dataUrl = (path: string | null) => {
		const bytes = take(path);
		return bytes && path !== null ? `data:${mimeOf(path)};base64,${base64(bytes)}` : null;
	};
	/** CSS with its url(...) references inlined, resolved against `dir`. */
	const css = (source: string, dir: string) =>
		source.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/gi, (whole, _q: string, ref: string) => {
			const url = dataUrl(resolveRef(ref, dir, root));
			// Unquoted: a base64 data URL has no quote, space or parenthesis, and a style="…"
			// attribute keeps its own quotes.
			return url ? `url(${url})` : whole;
		});
	const dir = dirOf(entry);
	return (
		text(html)
			// Stylesheets become <style> with their own url()s inlined.
			.replace(/<link\b[^>]*>/gi, (tag) => {
				const href = attr('href').exec(tag);
				if (!href) return tag;
				const path = resolveRef(valueOf(href), dir, root);
				if (/\brel\s*=\s*["']?stylesheet/i.test(tag)) {
					const bytes = take(path);
					if (!bytes || path === null) return tag;
					return `<style>${css(text(bytes), dirOf(path)).replace(/<\/style/gi, '<\\/style')}</style>`;
				}
				const url = dataUrl(path);
				return url ? tag.replace(href[0], ` href="${url}"`) : tag;
			})
			// Inline <style> blocks' url()s.
			.replace(
				/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi,
				(_whole, open: string, body: string, close: string) => open + css(body, dir) + close
			)
			// External scripts become inline ones (same attributes but src).
			.replace(/<script\b([^>]*)>\s*<\/script>/gi, (tag, attributes: string) => {
				const src = attr('src').exec(` ${attributes}`);
				if (!src) return tag;
				const path = resolveRef(valueOf(src), dir, root);
				const bytes = take(path);
				if (!bytes) return tag;
				const rest = ` ${attributes}`.replace(src[0], '').trimEnd();
				return `<script${rest}>${text(bytes).replace(/<\/script/gi, '<\\/script')}</script>`;
			})
			// Images, media, and their posters.
			.replace(/<(img|source|video|audio|input)\b[^>]*>/gi, (tag) => {
				let out = tag;
				for (const name of ['src', 'poster']) {
					const found = attr(name).exec(out);
					if (!found) continue;
					const url = dataUrl(resolveRef(valueOf(found), dir, root));
					if (url) out = out.replace(found[0], ` ${name}="${url}"`);
				}
				return out;
			})
			// style="…url(…)…" attributes.
			.replace(/\sstyle\s*=\s*"([^"]*)"/gi, (_whole, body: string) => ` style="${css(body, dir)}"`)
	);
}
