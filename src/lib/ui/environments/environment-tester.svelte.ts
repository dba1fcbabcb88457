import {
	prepareEnvironment,
	PrepareError,
	type PrepareEvent,
	type PrepareStep
} from '$lib/core/environments';
import type { CheckoutProgress } from '$lib/core/git';
import { setupPolicyFor } from '$lib/core/network';
import { newId, settingsSecrets, type EnvironmentRecord, type Settings } from '$lib/core/store';
import { createLogMasker, type LogMasker } from '$lib/core/tasks';
import { gitRequest } from '../workers/git-client';
import { gitAccess } from './environment-editor.svelte';

export type StepState = {
	status: 'waiting' | 'running' | 'done' | 'failed';
	durationMs?: number;
	detail?: string;
};

export type TestOutcome =
	| { kind: 'idle' }
	| { kind: 'running' }
	| { kind: 'ready'; totalMs: number }
	| { kind: 'failed'; step: PrepareStep; code: string; message: string; hint: string };

const fresh = (): Record<PrepareStep, StepState> => ({
	checkout: { status: 'waiting' },
	sandbox: { status: 'waiting' },
	setup: { status: 'waiting' }
});

/** "Test environment": checkout, sandbox and setup with live progress, then thrown away. */
export class EnvironmentTester {
	steps = $state<Record<PrepareStep, StepState>>(fresh());
	progress = $state.raw<CheckoutProgress | null>(null);
	log = $state('');
	notices = $state.raw<string[]>([]);
	outcome = $state<TestOutcome>({ kind: 'idle' });
	#masker: LogMasker = createLogMasker([]);

	async run(environment: EnvironmentRecord, settings: Settings): Promise<void> {
		this.steps = fresh();
		this.progress = null;
		this.log = '';
		this.notices = [];
		this.outcome = { kind: 'running' };
		// Setup's output is masked with the environment's secrets (setup.ts); Settings' too, here.
		this.#masker = createLogMasker(settingsSecrets(settings));
		const started = performance.now();
		try {
			const prepared = await prepareEnvironment(
				environment,
				{
					checkout: (onProgress) =>
						gitRequest(
							{
								type: 'checkout',
								access: gitAccess(environment.repoUrl, settings),
								branch: environment.defaultBranch
							},
							onProgress
						),
					// The runtimes (just-bash, the WebContainer client) load when a test runs.
					createSandbox: async (checkedOut) =>
						(await import('../sandbox/create-sandbox')).createSandbox(
							environment.runtime,
							`test-${newId()}`,
							{
								checkedOut,
								network: () => ({
									policy: setupPolicyFor(environment.agentPolicy),
									phase: 'setup'
								}),
								onAudit: () => {}
							}
						)
				},
				(event) => this.#masked(event)
			);
			await prepared.sandbox.dispose();
			this.outcome = { kind: 'ready', totalMs: Math.round(performance.now() - started) };
		} catch (error) {
			const failure = error instanceof PrepareError ? error : new PrepareError('checkout', error);
			this.outcome = {
				kind: 'failed',
				step: failure.step,
				code: failure.code,
				message: failure.message,
				hint: failure.hint
			};
		}
	}

	#masked(event: PrepareEvent) {
		for (const entry of this.#masker.push({ kind: 'prepare', event }))
			if (entry.kind === 'prepare') this.#apply(entry.event);
	}

	#apply(event: PrepareEvent) {
		switch (event.type) {
			case 'step':
				this.steps[event.step] = {
					status: event.status,
					durationMs: event.durationMs,
					detail: event.detail
				};
				break;
			case 'checkout-progress':
				this.progress = event.progress;
				break;
			case 'setup-output':
				this.log += event.chunk.text;
				break;
			case 'notice':
				this.notices = [...this.notices, event.message];
				break;
		}
	}
}
