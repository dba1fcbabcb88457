import { describe, expect, it } from 'vitest';
import { PREVIEW_CSP, previewDocument, previewRoot } from '../../../src/lib/core/preview/index.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('previewRoot', () => {
	it('finds index.html at the top, else in dist/, build/ or public/', () => {
		expect(
			[
				['index.html', 'dist/index.html'],
				['src/index.html', 'build/index.html', 'public/index.html'],
				['public/index.html'],
				['src/index.html', 'README.md']
			].map((paths) => previewRoot(paths))
		).toEqual(['', 'build/', 'public/', null]);
	});
});

describe('previewDocument', () => {
	it("inlines the page's stylesheets, scripts, images and CSS urls as data; leaves other hosts alone", () => {
		const files = new Map([
			[
				'dist/index.html',
				enc(
					'<html><head><link rel="stylesheet" href="css/site.css"><link rel=icon href="/img/logo.svg">' +
						'<script src="./app.js"></script><script src="https://cdn.example/x.js"></script></head>' +
						'<body><img src="img/logo.svg" alt="logo"><img src="missing.png">' +
						'<div style="background:url(\'img/logo.svg\')"></div></body></html>'
				)
			],
			['dist/css/site.css', enc('body{background:url(../img/logo.svg)} p{color:red}</style>')],
			['dist/app.js', enc('document.title = "</script>";')],
			['dist/img/logo.svg', enc('<svg/>')],
			['index.html', enc('not this one')]
		]);
		const svg = `data:image/svg+xml;base64,${b64('<svg/>')}`;
		expect(previewDocument(files, 'dist/')).toBe(
			'<html><head><style>body{background:url(' +
				svg +
				')} p{color:red}<\\/style></style>' +
				`<link rel=icon href="${svg}">` +
				'<script>document.title = "<\\/script>";</script><script src="https://cdn.example/x.js"></script></head>' +
				`<body><img src="${svg}" alt="logo"><img src="missing.png">` +
				`<div style="background:url(${svg})"></div></body></html>`
		);
	});

	it('serves under a policy with no network, an opaque origin and no framing but by the app', () => {
		expect(PREVIEW_CSP.split('; ')).toEqual([
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
		]);
	});
});
