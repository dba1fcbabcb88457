import { describe, expect, it } from 'vitest';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import { conversationFromLog, replayPatches } from '../../../src/lib/core/run/index.ts';
import type { AttemptLogEntry } from '../../../src/lib/core/tasks/index.ts';

const agent = (event: Extract<AttemptLogEntry, { kind: 'agent' }>['event']): AttemptLogEntry => ({
	kind: 'agent',
	event
});
const shellDetails = {
	kind: 'shell' as const,
	command: 'ls',
	workdir: '',
	exitCode: 0,
	timedOut: false,
	aborted: false,
	output: 'a\n',
	truncated: false
};

const log: AttemptLogEntry[] = [
	{ kind: 'status', status: 'running' },
	{ kind: 'user', text: 'Fix it' },
	agent({ type: 'turn_start', turn: 1 }),
	agent({ type: 'text_delta', turn: 1, delta: 'Look' }),
	agent({ type: 'text_delta', turn: 1, delta: 'ing.' }),
	agent({ type: 'tool_call', turn: 1, id: 'c1', name: 'shell', arguments: '{"command":"ls"}' }),
	agent({
		type: 'tool_result',
		id: 'c1',
		name: 'shell',
		ok: true,
		content: 'Exit code: 0',
		details: shellDetails,
		durationMs: 3
	}),
	agent({ type: 'turn_start', turn: 2 }),
	agent({
		type: 'tool_call',
		turn: 2,
		id: 'c2',
		name: 'apply_patch',
		arguments: '{}'
	}),
	agent({
		type: 'tool_result',
		id: 'c2',
		name: 'apply_patch',
		ok: true,
		content: 'Success.',
		details: {
			kind: 'apply_patch',
			changes: [
				{ type: 'update', path: 'a.txt', before: 'old\n', after: 'new\n' },
				{ type: 'add', path: 'b/c.txt', after: 'added\n' },
				{ type: 'delete', path: 'gone.txt', before: 'x\n' }
			]
		},
		durationMs: 1
	}),
	agent({ type: 'turn_start', turn: 3 }),
	agent({
		type: 'tool_call',
		turn: 3,
		id: 'c3',
		name: 'shell',
		arguments: '{"command":"sleep 100"}'
	})
];

describe('resuming an interrupted attempt', () => {
	it('rebuilds the conversation, answering the call that never finished', () => {
		expect(conversationFromLog(log)).toEqual([
			{ role: 'user', content: 'Fix it' },
			{
				role: 'assistant',
				content: 'Looking.',
				toolCalls: [{ id: 'c1', name: 'shell', arguments: '{"command":"ls"}' }]
			},
			{ role: 'tool', toolCallId: 'c1', content: 'Exit code: 0' },
			{
				role: 'assistant',
				content: '',
				toolCalls: [{ id: 'c2', name: 'apply_patch', arguments: '{}' }]
			},
			{ role: 'tool', toolCallId: 'c2', content: 'Success.' },
			{
				role: 'assistant',
				content: '',
				toolCalls: [{ id: 'c3', name: 'shell', arguments: '{"command":"sleep 100"}' }]
			},
			{
				role: 'tool',
				toolCallId: 'c3',
				content: 'Not run: the page was closed before this call finished.'
			}
		]);
	});

	it('replays apply_patch edits on a fresh sandbox', async () => {
		const sandbox = createLiteSandbox();
		const enc = new TextEncoder();
		await sandbox.writeTree([
			{ path: 'a.txt', mode: '100644', data: enc.encode('old\n') },
			{ path: 'gone.txt', mode: '100644', data: enc.encode('x\n') }
		]);
		expect(await replayPatches(log, sandbox)).toBe(3);
		expect((await sandbox.list()).map(({ path, mode }) => ({ path, mode }))).toEqual([
			{ path: 'a.txt', mode: '100644' },
			{ path: 'b/c.txt', mode: '100644' }
		]);
		expect(new TextDecoder().decode((await sandbox.readFile('a.txt'))!)).toBe('new\n');
	});
});
