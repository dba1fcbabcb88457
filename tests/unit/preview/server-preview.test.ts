// The WebContainer Preview wiring against the WebContainer test double: `server-ready` → the
// panel's list of servers, a closed port leaves it, unsubscribing stops it.
import { afterEach, describe, expect, it } from 'vitest';
import { watchServers, type ServerPreview } from '../../../src/lib/core/preview/index.ts';
import { createWebContainerSandbox } from '../../../src/lib/core/sandbox/index.ts';
import { createWebContainerDouble } from '../sandbox/webcontainer-double.ts';

let teardown: (() => Promise<void>) | undefined;
afterEach(() => teardown?.());

describe('watchServers', () => {
	it('follows server-ready and port close, newest last, until unsubscribed', async () => {
		const container = await createWebContainerDouble();
		teardown = container.teardown;
		const seen: ServerPreview[][] = [];
		const stop = watchServers(container, (servers) => seen.push(servers));
		container.emit(
			'port',
			5173,
			'open',
			'https://a--5173.local-credentialless.webcontainer-api.io'
		);
		container.emit(
			'server-ready',
			5173,
			'https://a--5173.local-credentialless.webcontainer-api.io'
		);
		container.emit(
			'server-ready',
			3000,
			'https://a--3000.local-credentialless.webcontainer-api.io'
		);
		// Restarted on the same port: it moves to the end, once.
		container.emit(
			'server-ready',
			5173,
			'https://a--5173.local-credentialless.webcontainer-api.io'
		);
		container.emit(
			'port',
			3000,
			'close',
			'https://a--3000.local-credentialless.webcontainer-api.io'
		);
		container.emit(
			'port',
			4000,
			'close',
			'https://a--4000.local-credentialless.webcontainer-api.io'
		);
		stop();
		container.emit(
			'server-ready',
			8080,
			'https://a--8080.local-credentialless.webcontainer-api.io'
		);
		const url = (port: number) => `https://a--${port}.local-credentialless.webcontainer-api.io`;
		expect(seen).toEqual([
			[{ port: 5173, url: url(5173) }],
			[
				{ port: 5173, url: url(5173) },
				{ port: 3000, url: url(3000) }
			],
			[
				{ port: 3000, url: url(3000) },
				{ port: 5173, url: url(5173) }
			],
			[{ port: 5173, url: url(5173) }]
		]);
	});
});

describe('a dev server in the background', () => {
	it("does not hold the agent's shell call: `&` returns with the output so far", async () => {
		const container = await createWebContainerDouble();
		teardown = container.teardown;
		const sandbox = createWebContainerSandbox(container, 'work/bg');
		await sandbox.writeFile('package.json', '{}');
		// A long-lived process keeps the terminal open; the call ends with the shell that started it.
		const result = await sandbox.exec('(sleep 30; echo late) & echo "started $!"');
		const [word, pid] = result.stdout.trim().split(' ');
		expect([result.exitCode, word, /^\d+$/.test(pid ?? '')]).toEqual([0, 'started', true]);
		await sandbox.exec(`kill ${pid}`);
	});
});
