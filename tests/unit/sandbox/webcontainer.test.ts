import { afterAll, beforeAll } from 'vitest';
import { createWebContainerSandbox } from '../../../src/lib/core/sandbox/webcontainer.ts';
import { sandboxContract } from './contract.ts';
import { createWebContainerDouble } from './webcontainer-double.ts';

let container: Awaited<ReturnType<typeof createWebContainerDouble>>;
let attempt = 0;

beforeAll(async () => {
	container = await createWebContainerDouble();
});
afterAll(async () => {
	await container.teardown();
});

sandboxContract(
	'WebContainer adapter (over a test double)',
	async () => createWebContainerSandbox(container, `work/attempt-${++attempt}`),
	{
		mergedStderr: true
	}
);
