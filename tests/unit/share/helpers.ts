// Shared by the share tests: a sample task, hand-made links, and errors as plain data.
import { deflateSync } from 'fflate';
import { ShareError, type SharedTask } from '../../../src/lib/core/share/index.ts';

export const sampleTask: SharedTask = {
	title: 'Fix the flaky date test',
	repoUrl: 'https://github.com/acme/demo',
	branch: 'main',
	mode: 'code',
	prompt: 'The test in date.test.ts fails around midnight. Fix it.',
	followUps: ['Also add a regression test.'],
	environment: {
		setupScript: 'npm ci',
		envVarNames: ['CI', 'TZ'],
		setupSecretNames: ['NPM_TOKEN'],
		network: { access: 'on', preset: 'common', domains: ['example.com'], methods: 'read' },
		runtime: 'auto'
	},
	result: {
		summary: 'Pinned the clock in the test.',
		patch: 'diff --git a/date.test.ts b/date.test.ts\n--- a/date.test.ts\n+++ b/date.test.ts\n',
		logExcerpt: '$ npm test\n1 passed',
		model: 'gpt-4.1',
		usage: { promptTokens: 1200, completionTokens: 300, totalTokens: 1500 },
		timings: { totalMs: 42_000, setupMs: 9_000, agentMs: 30_500.5 },
		networkAudit: [
			{ method: 'GET', url: 'https://registry.npmjs.org/vitest', allowed: true, reason: 'preset' },
			{ method: 'POST', url: 'https://evil.test/x', allowed: false, reason: 'method not allowed' }
		]
	}
};

export function base64Url(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('base64url');
}

/** A link in the real wire format around arbitrary content, as an attacker would make one. */
export function linkOf(content: string | Uint8Array): string {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return `pb1.${base64Url(deflateSync(bytes))}`;
}

/** A link whose JSON is `document`. */
export function linkOfJson(document: unknown): string {
	return linkOf(JSON.stringify(document));
}

export type ErrorData = { name: string; code: string; message: string; path: string | undefined };

/** The ShareError `run` throws, as plain data to compare whole; rethrows any other error. */
export function errorOf(run: () => unknown): ErrorData {
	try {
		run();
	} catch (error) {
		if (!(error instanceof ShareError)) throw error;
		return { name: error.name, code: error.code, message: error.message, path: error.path };
	}
	throw new Error('expected a ShareError, but nothing was thrown');
}

export function invalidError(path: string, message: string): ErrorData {
	return { name: 'ShareError', code: 'invalid', message, path };
}

export function shareError(code: string, message: string): ErrorData {
	return { name: 'ShareError', code, message, path: undefined };
}
