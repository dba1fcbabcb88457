import { describe, expect, it } from 'vitest';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { decodeShare, encodeShare, toSharedTask } from '../../../src/lib/core/share/index.ts';
import type {
	AttemptRecord,
	EnvironmentRecord,
	TaskRecord
} from '../../../src/lib/core/store/index.ts';
import {
	buildLogView,
	logExcerpt,
	shareSourceOf,
	type LogView
} from '../../../src/lib/core/tasks/index.ts';

const SECRET = 'sk-planted-secret-value-1234567890';
const SETUP_SECRET = 'npm_plantedSetupToken0987654321';

const environment: EnvironmentRecord = {
	id: 'env1',
	name: 'acme',
	repoUrl: 'https://github.com/acme/app',
	defaultBranch: 'main',
	setupScript: 'npm ci',
	envVars: [{ name: 'API_KEY', value: SECRET }],
	setupSecrets: [{ name: 'NPM_TOKEN', value: SETUP_SECRET }],
	agentPolicy: { ...defaultAgentPolicy, domains: [] },
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
};

const task: TaskRecord = {
	id: 't1',
	title: 'Fix the test',
	prompt: 'Fix the failing test',
	mode: 'code',
	environmentId: 'env1',
	branch: 'main',
	attemptCount: 1,
	createdAt: 1,
	updatedAt: 1
};

const attempt: AttemptRecord = {
	id: 'a1',
	taskId: 't1',
	index: 0,
	status: 'done',
	createdAt: 1,
	updatedAt: 1,
	result: {
		baseline: { commit: 'c', tree: 't', branch: 'main' },
		changes: [],
		patch: 'diff --git a/x b/x\n',
		additions: 1,
		deletions: 0,
		summary: `Fixed it; the key was ${SECRET}`
	}
};

const totals = { turns: 2, toolCalls: 1, promptTokens: 100, completionTokens: 20, durationMs: 900 };

const view: LogView = buildLogView([
	{ kind: 'user', text: 'Fix the failing test' },
	{ kind: 'prepare', event: { type: 'step', step: 'checkout', status: 'done', durationMs: 120 } },
	{ kind: 'agent', event: { type: 'turn_start', turn: 1 } },
	{ kind: 'agent', event: { type: 'text_delta', turn: 1, delta: 'Looking around.' } },
	{
		kind: 'agent',
		event: {
			type: 'usage',
			turn: 1,
			usage: { promptTokens: 100, completionTokens: 20 },
			total: { promptTokens: 100, completionTokens: 20 },
			estimated: false
		}
	},
	{
		kind: 'agent',
		event: {
			type: 'final',
			reason: 'done',
			message: 'The model finished.',
			summary: 'Fixed it',
			proposedTasks: [],
			totals
		}
	},
	{ kind: 'user', text: `Also rename it, token ${SECRET}` },
	{
		kind: 'network',
		event: {
			type: 'network',
			time: 1,
			phase: 'agent',
			source: 'lite-curl',
			method: 'GET',
			url: 'http://evil.net/x?q=***',
			allowed: false,
			reason: 'network off'
		}
	}
] as never);

describe('shareSourceOf', () => {
	it('offers the task alone, with its follow-ups', () => {
		const source = shareSourceOf({ task, environment, attempt, view, scope: 'task' });
		expect(source.task.prompt).toBe('Fix the failing test');
		expect(source.followUps).toEqual([`Also rename it, token ${SECRET}`]);
		expect(source.result).toBeUndefined();
	});

	it('adds the result: summary, patch, usage, timings, audit; the log only when asked', () => {
		const result = shareSourceOf({
			task,
			environment,
			attempt,
			view,
			scope: 'result',
			model: 'm1'
		}).result;
		// Masking happens later, in toSharedTask: here the values are as recorded.
		expect(result).toEqual({
			summary: `Fixed it; the key was ${SECRET}`,
			patch: 'diff --git a/x b/x\n',
			logExcerpt: undefined,
			model: 'm1',
			usage: { promptTokens: 100, completionTokens: 20, totalTokens: 120 },
			timings: { totalMs: 1020, cloneMs: 120, setupMs: undefined, agentMs: 900 },
			networkAudit: [
				{ method: 'GET', url: 'http://evil.net/x?q=***', allowed: false, reason: 'network off' }
			]
		});
		const withLog = shareSourceOf({ task, environment, attempt, view, scope: 'log' }).result!;
		expect(withLog.logExcerpt).toContain('Looking around.');
	});

	it('never lets a secret value into the link, encoded or decoded', () => {
		const source = shareSourceOf({ task, environment, attempt, view, scope: 'log' });
		const encoded = encodeShare(toSharedTask(source, { secrets: ['ghp_settingsToken123456'] }));
		const decoded = JSON.stringify(decodeShare(encoded));
		for (const secret of [SECRET, SETUP_SECRET]) {
			expect(encoded).not.toContain(secret);
			expect(decoded).not.toContain(secret);
		}
		expect(decoded).toContain('API_KEY');
		expect(decoded).toContain('NPM_TOKEN');
	});
});

describe('logExcerpt', () => {
	it('keeps the newest part when the log is too long, saying how much was left out', () => {
		const items = Array.from({ length: 50 }, (_, i) => ({
			kind: 'text' as const,
			turn: i,
			text: `line ${i} `.repeat(20)
		}));
		const text = logExcerpt(items, 1000);
		expect(text.length).toBeLessThan(1100);
		expect(text).toMatch(/^\[… \d+ earlier characters left out …\]/);
		expect(text).toContain('line 49');
	});
});
