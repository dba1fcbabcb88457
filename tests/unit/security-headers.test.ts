import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	headersFor,
	hostHeaders,
	hostRules,
	policyOf,
	workerHeaders
} from '../../tools/security-headers.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

type Rule = { path: string; headers: Record<string, string> };

/** static/_headers as rules: a path line, then its indented `Name: value` lines. */
function parseHeadersFile(text: string): Rule[] {
	const rules: Rule[] = [];
	for (const line of text.split('\n').filter((line) => line.trim())) {
		if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
		else {
			const [, name, value] = /^\s+([^:]+):\s*(.*)$/.exec(line)!;
			rules.at(-1)!.headers[name!] = value!;
		}
	}
	return rules;
}

/** vercel.json as rules, its `(.*)` written as the `*` the other sources use. */
function parseVercel(text: string): Rule[] {
	const config = JSON.parse(text) as {
		headers: { source: string; headers: { key: string; value: string }[] }[];
	};
	return config.headers.map((rule) => ({
		path: rule.source.replace(/\(\.\*\)$/, '*'),
		headers: Object.fromEntries(rule.headers.map((h) => [h.key, h.value]))
	}));
}

const matches = (rule: Rule, path: string) =>
	rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;

/** What a host sends for `path`: every matching rule, a later header replacing (Vercel) or
 * joined to (Netlify, Cloudflare Pages: a second policy) an earlier one of the same name. */
function served(rules: Rule[], path: string, repeat: 'replace' | 'join') {
	const headers: Record<string, string> = {};
	for (const rule of rules.filter((rule) => matches(rule, path))) {
		for (const [name, value] of Object.entries(rule.headers)) {
			headers[name] = repeat === 'join' && headers[name] ? `${headers[name]}, ${value}` : value;
		}
	}
	return headers;
}

/** A CSP header value as the set of policies it holds, each a map of directive → sources. */
function policies(value: string | undefined) {
	return (value ?? '').split(',').map((policy) =>
		Object.fromEntries(
			policy
				.split(';')
				.map((directive) => directive.trim().split(/\s+/))
				.filter((parts) => parts[0])
				.map(([name, ...sources]) => [name, sources])
		)
	);
}

const paths = [
	'/',
	'/index.html',
	'/_app/immutable/entry/start.js',
	'/_app/immutable/workers/git.worker-abc.js',
	'/service-worker.js'
];

describe('static host headers say what tools/security-headers.js says', () => {
	it('static/_headers (Netlify, Cloudflare Pages) holds the host rules', () => {
		expect(parseHeadersFile(read('static/_headers'))).toEqual(hostRules);
	});

	it('vercel.json holds the host rules', () => {
		expect(parseVercel(read('vercel.json'))).toEqual(hostRules);
	});

	it('Vercel, which lets a later rule win, sends for each path what vite preview and the service worker do', () => {
		const rules = parseVercel(read('vercel.json'));
		expect(paths.map((path) => served(rules, path, 'replace'))).toEqual(
			paths.map((path) => headersFor({ path }))
		);
	});

	it('Netlify and Cloudflare, which join repeated headers, enforce the same policies', () => {
		const rules = parseHeadersFile(read('static/_headers'));
		for (const path of paths) {
			const sent = served(rules, path, 'join');
			const wanted = headersFor({ path });
			const { 'Content-Security-Policy': csp, ...rest } = sent;
			const { 'Content-Security-Policy': wantedCsp, ...wantedRest } = wanted;
			expect(rest).toEqual(wantedRest);
			// The worker path gets two policies: the frame refusal, and the workers' policy that
			// repeats it, so together they allow exactly what the workers' policy does.
			const expected = isWorker(path) ? [policies(hostHeaders['Content-Security-Policy'])[0]] : [];
			expect(policies(csp)).toEqual([...expected, ...policies(wantedCsp)]);
		}
	});

	it('writes policies with keywords quoted', () => {
		expect(
			policyOf({ 'default-src': ['none'], 'img-src': ['self', 'data:', 'https://x.test'] })
		).toBe("default-src 'none'; img-src 'self' data: https://x.test");
		expect(workerHeaders['Content-Security-Policy']).toContain("frame-ancestors 'none'");
	});
});

function isWorker(path: string) {
	return path.startsWith('/_app/immutable/workers/') || path === '/service-worker.js';
}
