// The model before the files: with no setup to run on the tree, prepare hands over a sandbox as
// soon as the checkout has listed it; commands wait for the whole tree, a read waits only for a
// listed file not written yet, and a setup still runs on every file.
import { describe, expect, it } from 'vitest';
import { prepareEnvironment, type PrepareEvent } from '../../../src/lib/core/environments/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';
import { checkedOut, gatedCheckout, TREE } from './gated-checkout.ts';

const environment = (setupScript: string): EnvironmentRecord => ({
	id: 'e1',
	name: 'demo',
	repoUrl: 'acme/demo',
	defaultBranch: 'main',
	setupScript,
	envVars: [],
	setupSecrets: [],
	agentPolicy: defaultAgentPolicy,
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
});

const deps = (checkout: Awaited<ReturnType<typeof gatedCheckout>>['checkout']) => ({
	startEarly: true,
	checkout,
	createSandbox: async () => ({ sandbox: createLiteSandbox({ root: '/work/early' }) })
});

describe('prepareEnvironment, starting early', () => {
	it('hands over the sandbox once listed; AGENTS.md reads at once, a command waits for the tree and reads it right', async () => {
		const gated = await gatedCheckout();
		const events: PrepareEvent[] = [];
		const prepared = await prepareEnvironment(environment(''), deps(gated.checkout), (e) =>
			events.push(e)
		);
		expect(gated.finished).toBe(false);
		const steps = events.flatMap((e) => (e.type === 'step' ? [`${e.step}:${e.status}`] : []));
		expect(steps).toEqual([
			'checkout:running',
			'sandbox:running',
			'sandbox:done',
			'setup:running',
			'setup:done'
		]);
		const { sandbox } = prepared;
		expect(new TextDecoder().decode((await sandbox.readFile('AGENTS.md'))!)).toBe(
			TREE['AGENTS.md']
		);
		expect(await sandbox.readFile('not/in/the/listing.txt')).toBeNull();

		let ran = false;
		const command = sandbox
			.exec('cat deep/a/b/c/needle.txt && find . -type f | wc -l')
			.then((r) => {
				ran = true;
				return r;
			});
		const read = sandbox.readFile('README.md');
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(ran).toBe(false);
		gated.open();
		const result = await command;
		expect(result.stdout.split('\n').map((l) => l.trim())).toEqual(['found me', '3', '']);
		expect(new TextDecoder().decode((await read)!)).toBe(TREE['README.md']);
		await prepared.treeReady;
		const whole = await checkedOut();
		expect(prepared.files.map((f) => f.path)).toEqual(whole.files.map((f) => f.path));
		const readme = whole.baseline.entries.find((e) => e.path === 'README.md')!;
		expect(new TextDecoder().decode(await prepared.readBaseline(readme.oid))).toBe(
			TREE['README.md']
		);
		expect(events.at(-1)).toMatchObject({ type: 'step', step: 'checkout', status: 'done' });
	});

	it('a setup script waits for the whole tree and sees every file', async () => {
		const gated = await gatedCheckout();
		const events: PrepareEvent[] = [];
		const preparing = prepareEnvironment(
			environment('find . -type f | wc -l'),
			deps(gated.checkout),
			(e) => events.push(e)
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(events.some((e) => e.type === 'step' && e.step === 'sandbox')).toBe(false);
		gated.open();
		const prepared = await preparing;
		expect(prepared.setup.log.trim()).toBe('3');
	});

	it('without startEarly (the environment test), it returns only with every file in', async () => {
		const gated = await gatedCheckout();
		const preparing = prepareEnvironment(
			environment(''),
			{ ...deps(gated.checkout), startEarly: false },
			() => {}
		);
		let done = false;
		void preparing.then(() => (done = true));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(done).toBe(false);
		gated.open();
		const prepared = await preparing;
		expect((await prepared.sandbox.list()).map((e) => e.path).sort()).toEqual(
			Object.keys(TREE).sort()
		);
	});

	it('a checkout that fails after the listing fails the commands waiting for it, with its step', async () => {
		const gated = await gatedCheckout(
			new AppError('snapshot-mismatch', 'Bytes do not match.', 'Try again.')
		);
		const events: PrepareEvent[] = [];
		const prepared = await prepareEnvironment(environment(''), deps(gated.checkout), (e) =>
			events.push(e)
		);
		const command = prepared.sandbox.exec('ls');
		gated.open();
		await expect(command).rejects.toMatchObject({ code: 'snapshot-mismatch', step: 'checkout' });
		expect(events.at(-1)).toMatchObject({ type: 'step', step: 'checkout', status: 'failed' });
	});
});
