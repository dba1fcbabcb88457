import { describe, expect, it } from 'vitest';
import {
	firstNodeCommand,
	liteSkipNote
} from '../../../src/lib/core/environments/node-commands.ts';

describe('firstNodeCommand: which setup commands need Node', () => {
	const table: Array<[string, string | null]> = [
		['npm ci', 'npm ci'],
		['FOO=1 npm ci', 'npm ci'],
		['cd x && pnpm i', 'pnpm i'],
		['echo npm', null],
		['# npm ci', null],
		['./scripts/setup.sh', null],
		['make', null],
		['', null],
		['echo "npm ci"; ls', null],
		['echo ready # then npm ci', null],
		['apt-get update\nyarn install --frozen-lockfile', 'yarn install --frozen-lockfile'],
		['(cd web && npx vite build)', 'npx vite build'],
		['env NODE_ENV=test bun install', 'bun install'],
		['sudo -E corepack enable', 'corepack enable'],
		['if node --version; then echo ok; fi', 'node --version'],
		['/usr/local/bin/node x.js', '/usr/local/bin/node x.js'],
		['cat package.json | grep npm', null],
		["'npm' ci", "'npm' ci"],
		['npm-check-updates', null],
		['make && \\\n  npm test', 'npm test']
	];
	it.each(table)('%j → %j', (script, expected) => {
		expect(firstNodeCommand(script)?.text ?? null).toBe(expected);
	});

	it('names the program too, and says why the setup is skipped on Lite', () => {
		const found = firstNodeCommand('FOO=1 /usr/bin/npm ci --silent && echo done')!;
		expect(found).toEqual({ text: '/usr/bin/npm ci --silent', program: 'npm' });
		expect(liteSkipNote(firstNodeCommand('npm ci')!)).toBe(
			'Setup skipped: `npm ci` needs Node, which the Lite runtime does not have; ' +
				'the agent can read and edit files but not run npm.'
		);
	});
});
