// The attempt log in real Chromium: a failure is told once, and Ask's closing text shows once,
// in the final card, its proposed tasks as cards only (never the raw ```tasks block).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinalEvent } from '../../../src/lib/core/agent/index.ts';
import { buildLogView, type AttemptLogEntry } from '../../../src/lib/core/tasks/index.ts';
import AttemptLog from '../../../src/lib/ui/tasks/AttemptLog.svelte';
import '../../../src/lib/ui/theme.css';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => mounted.splice(0).forEach((app) => unmount(app)));

const totals = { turns: 1, toolCalls: 0, promptTokens: 10, completionTokens: 5, durationMs: 100 };
const final = (event: Partial<FinalEvent>): AttemptLogEntry => ({
	kind: 'agent',
	event: {
		type: 'final',
		reason: 'done',
		message: 'The agent finished.',
		summary: '',
		proposedTasks: [],
		totals,
		...event
	}
});

function render(entries: AttemptLogEntry[]): HTMLElement {
	mounted.push(
		mount(AttemptLog, { target: document.body, props: { view: buildLogView(entries) } })
	);
	flushSync();
	return document.querySelector('[aria-label="Attempt log"]')!;
}

const countOf = (text: string, part: string) => text.split(part).length - 1;

describe('AttemptLog', () => {
	it('tells a failed request once', () => {
		const message = 'The model server answered 500: upstream exploded.';
		const log = render([
			{ kind: 'status', status: 'running' },
			{ kind: 'user', text: 'Fix it' },
			{
				kind: 'agent',
				event: { type: 'error', turn: 1, error: { code: 'http-error', message } }
			},
			final({ reason: 'error', message }),
			{ kind: 'status', status: 'failed', message }
		]);
		expect(countOf(log.textContent!, message)).toBe(1);
		expect(log.querySelector('[data-testid="final"]')!.textContent).toContain(message);
	});

	it('keeps a failure whose message differs from the final card', () => {
		const log = render([
			{ kind: 'user', text: 'Fix it' },
			final({ message: 'The agent finished.' }),
			{ kind: 'status', status: 'failed', message: 'checkout: the branch is gone' }
		]);
		expect(log.textContent).toContain('checkout: the branch is gone');
	});

	it("shows Ask's answer once, its tasks as cards and never the raw block", () => {
		const text =
			'The repository is nearly empty.\n\n```tasks\n[{"title": "Add a license", "prompt": "Add an MIT LICENSE file."}]\n```';
		const log = render([
			{ kind: 'user', text: 'What is here?' },
			{ kind: 'agent', event: { type: 'text_delta', turn: 1, delta: text } },
			final({
				summary: 'The repository is nearly empty.',
				proposedTasks: [{ title: 'Add a license', prompt: 'Add an MIT LICENSE file.' }]
			})
		]);
		const shown = log.textContent!;
		expect({
			answer: countOf(shown, 'The repository is nearly empty.'),
			raw: shown.includes('```tasks') || shown.includes('"title"'),
			cards: [...log.querySelectorAll('.proposed li strong')].map((e) => e.textContent)
		}).toStrictEqual({ answer: 1, raw: false, cards: ['Add a license'] });
	});

	it('says 1 message, not 1 messages', () => {
		const log = render([
			{ kind: 'agent', event: { type: 'compaction', messages: 1, tokensBefore: 9, tokensAfter: 3 } }
		]);
		expect(log.textContent).toContain('(1 message)');
	});
});
