// `git` inside the WebContainer runtime: the bundled script (the Lite command's own code, built
// for Node) run by real Node through the test double, in a container laid out by the adapter.
// Each command's output must equal the Lite runtime's for the same files and edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebContainerSandbox } from '../../../src/lib/core/sandbox/webcontainer.ts';
import type { NetworkAuditEvent, NetworkPolicy } from '../../../src/lib/core/network/index.ts';
import type { Sandbox } from '../../../src/lib/core/sandbox/types.ts';
import { createTwin, type Twin } from './commands/fixture.ts';
import { BASE, EDITS } from './commands/scenario.ts';
import { createWebContainerDouble } from './webcontainer-double.ts';

const off: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };
// The page cannot see modes in the container, so chmod is left out here (see the last test).
const edits = EDITS.replace('chmod +x README.md\n', '');

let container: Awaited<ReturnType<typeof createWebContainerDouble>>;
let twin: Twin;
let sandbox: Sandbox;
const audit: NetworkAuditEvent[] = [];

beforeAll(async () => {
	container = await createWebContainerDouble();
	twin = await createTwin(BASE);
	sandbox = createWebContainerSandbox(
		container,
		'work/attempt-git',
		{},
		{
			network: { state: () => ({ policy: off, phase: 'agent' }), onAudit: (e) => audit.push(e) },
			git: {
				baseline: twin.baseline,
				commitInfo: twin.commitInfo,
				readBaseline: async (oid) => twin.blobs.get(oid)!
			}
		}
	);
	await sandbox.writeTree(BASE.map(({ path, mode, bytes }) => ({ path, mode, data: bytes })));
});
afterAll(async () => {
	await sandbox.dispose();
	twin.dispose();
	await container.teardown();
});

/** The container's terminal merges stderr into stdout; Lite keeps them apart. */
async function expectSameAsLite(command: string, cwd?: string) {
	const inContainer = await sandbox.exec(command, { cwd });
	const lite = await twin.lite(command, cwd);
	expect({ output: inContainer.stdout, exitCode: inContainer.exitCode }).toEqual({
		output: lite.stdout + lite.stderr,
		exitCode: lite.exitCode
	});
}

const commands = [
	'git status',
	'git status -s',
	'git status --porcelain -uall',
	'git status -sb -- src',
	'git diff',
	'git diff --stat',
	'git diff --name-status',
	'git diff src/app.ts',
	'git diff HEAD -- docs/guide.md',
	'git diff --binary -- image.bin',
	'git log',
	'git log -n 1 --oneline',
	'git show --stat',
	'git show HEAD:README.md',
	'git frobnicate',
	'cd .. && git status'
];

describe('git in the WebContainer, on a clean tree', () => {
	it("runs Patchbay's git, found first on PATH, with the attempt's state", async () => {
		const ran = await sandbox.exec('git --version && git status');
		expect(ran.stdout).toBe(
			'git version (patchbay sandbox)\nOn branch main\nnothing to commit, working tree clean\n'
		);
	});

	it.each(['git status', 'git diff', 'git log -n 1'])('%s matches Lite', async (command) => {
		await expectSameAsLite(command);
	});
});

describe('git in the WebContainer, after edits', () => {
	beforeAll(async () => {
		const ran = await sandbox.exec(edits);
		expect(ran.exitCode).toBe(0);
		await twin.lite(edits);
	});

	it.each(commands)('%s matches Lite', async (command) => {
		await expectSameAsLite(command);
	});

	it.each(['git status', 'git status -s .', 'git diff .', 'git diff --stat ../docs'])(
		'%s from a subdirectory matches Lite',
		async (command) => {
			await expectSameAsLite(command, 'src');
		}
	);

	it('keeps its state outside the attempt, so it is never a change, and logs no network', async () => {
		const listed = await sandbox.list('', { skipDirs: ['node_modules', 'build'] });
		expect(listed.filter((entry) => entry.path.includes('.patchbay'))).toEqual([]);
		expect(audit).toEqual([]);
	});

	it('reports modes as the page keeps them: a chmod in the shell is seen by neither', async () => {
		await sandbox.exec('chmod +x README.md');
		const status = await sandbox.exec('git status --porcelain README.md');
		const listed = await sandbox.list();
		expect({
			status: status.stdout,
			mode: listed.find((entry) => entry.path === 'README.md')?.mode
		}).toEqual({ status: '', mode: '100644' });
	});
});
