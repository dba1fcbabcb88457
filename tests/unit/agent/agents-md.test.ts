import { describe, expect, it } from 'vitest';
import { loadAgentsInstructions } from '../../../src/lib/core/agent/index.ts';
import { createLiteSandbox, type Sandbox } from '../../../src/lib/core/sandbox/index.ts';

async function repo(files: Record<string, string>): Promise<Sandbox> {
	const sandbox = createLiteSandbox();
	await sandbox.writeTree(
		Object.entries(files).map(([path, text]) => ({
			path,
			mode: '100644' as const,
			data: new TextEncoder().encode(text)
		}))
	);
	return sandbox;
}

describe('loadAgentsInstructions', () => {
	it('reads AGENTS.md from the root down to the working directory, root first', async () => {
		const sandbox = await repo({
			'AGENTS.md': 'Use tabs.\n',
			'packages/AGENTS.md': '  \n',
			'packages/app/AGENTS.md': 'Run `npm test -w app`.\n',
			'packages/app/src/index.ts': '',
			'other/AGENTS.md': 'Not on the way.\n'
		});
		expect(await loadAgentsInstructions(sandbox, 'packages/app/src')).toEqual([
			{ path: 'AGENTS.md', text: 'Use tabs.\n', truncated: false },
			{ path: 'packages/app/AGENTS.md', text: 'Run `npm test -w app`.\n', truncated: false }
		]);
		expect(await loadAgentsInstructions(sandbox)).toEqual([
			{ path: 'AGENTS.md', text: 'Use tabs.\n', truncated: false }
		]);
	});

	it('prefers AGENTS.override.md in a directory that has both', async () => {
		const sandbox = await repo({
			'AGENTS.md': 'root',
			'app/AGENTS.md': 'shared',
			'app/AGENTS.override.md': 'local override'
		});
		expect(await loadAgentsInstructions(sandbox, 'app')).toEqual([
			{ path: 'AGENTS.md', text: 'root', truncated: false },
			{ path: 'app/AGENTS.override.md', text: 'local override', truncated: false }
		]);
	});

	it('caps the files at 32 KiB in all, cutting the one that crosses with a note', async () => {
		const sandbox = await repo({
			'AGENTS.md': 'r'.repeat(30 * 1024),
			'a/AGENTS.md': 'a'.repeat(4096),
			'a/b/AGENTS.md': 'deepest'
		});
		expect(await loadAgentsInstructions(sandbox, 'a/b')).toEqual([
			{ path: 'AGENTS.md', text: 'r'.repeat(30 * 1024), truncated: false },
			{
				path: 'a/AGENTS.md',
				text:
					`${'a'.repeat(2048)}\n\n[Truncated: AGENTS.md files are limited to 32768 bytes in all; ` +
					'2048 bytes of this file and all of a/b/AGENTS.md were left out.]',
				truncated: true
			}
		]);
	});

	it('never splits a character at the cap', async () => {
		const sandbox = await repo({ 'AGENTS.md': 'ééé' });
		expect(await loadAgentsInstructions(sandbox, '', 5)).toEqual([
			{
				path: 'AGENTS.md',
				text: 'éé\n\n[Truncated: AGENTS.md files are limited to 5 bytes in all; 1 bytes of this file were left out.]',
				truncated: true
			}
		]);
	});
});
