// Why a WebContainer cannot boot, told by cause before booting: the page's isolation, its
// SharedArrayBuffer, and whether the runtime's host answers (probed over real sockets here).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	bootCause,
	isBootFailure,
	reachHost,
	type RuntimeReach
} from '../../../src/lib/ui/sandbox/boot-cause.ts';

const page = (crossOriginIsolated: boolean, sharedArrayBuffer: boolean, reach: RuntimeReach) => {
	const asked: string[] = [];
	return {
		asked,
		surroundings: {
			crossOriginIsolated,
			sharedArrayBuffer,
			reachRuntime: async () => {
				asked.push('reach');
				return reach;
			}
		}
	};
};

async function causeOf(...args: Parameters<typeof page>) {
	const { asked, surroundings } = page(...args);
	const error = await bootCause(surroundings);
	return {
		cause: error && { code: error.code, message: error.message, hint: error.hint },
		probed: asked.length > 0
	};
}

describe('bootCause', () => {
	it('names a page that is not cross-origin isolated, without probing the network', async () => {
		expect(await causeOf(false, false, 'reachable')).toEqual({
			cause: {
				code: 'not-isolated',
				message:
					'The WebContainer cannot start in this page: it is not cross-origin isolated (crossOriginIsolated is false).',
				hint: 'Serve Patchbay with the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers (see the README), or use Lite.'
			},
			probed: false
		});
	});

	it('names a browser without SharedArrayBuffer', async () => {
		expect(await causeOf(true, false, 'reachable')).toEqual({
			cause: {
				code: 'no-shared-array-buffer',
				message:
					'The WebContainer cannot start in this page: this browser offers no SharedArrayBuffer.',
				hint: 'Use a current Chromium, Firefox or Safari, or use Lite.'
			},
			probed: false
		});
	});

	it('names an unreachable runtime host', async () => {
		expect(await causeOf(true, true, 'unreachable')).toEqual({
			cause: {
				code: 'runtime-unreachable',
				message:
					'The WebContainer cannot start in this page: its runtime host, stackblitz.com, cannot be reached.',
				hint: 'The runtime loads from StackBlitz when it first starts: check the connection and Retry, or use Lite.'
			},
			probed: true
		});
	});

	it('finds nothing when the host answers, or does not answer in time (the boot decides then)', async () => {
		expect(await causeOf(true, true, 'reachable')).toEqual({ cause: null, probed: true });
		expect(await causeOf(true, true, 'unknown')).toEqual({ cause: null, probed: true });
	});

	it('knows which codes are boot failures', () => {
		const codes = [
			'not-isolated',
			'no-shared-array-buffer',
			'runtime-unreachable',
			'boot-timeout',
			'boot-failed',
			'setup-failed',
			'unreachable'
		];
		expect(codes.filter(isBootFailure)).toEqual(codes.slice(0, 5));
	});
});

describe('reachHost over real sockets', () => {
	let answering: Server;
	let silent: Server;
	let closedPort = 0;
	const url = (server: Server) =>
		`http://127.0.0.1:${(server.address() as AddressInfo).port}/headless`;
	const listen = (server: Server) =>
		new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

	beforeAll(async () => {
		answering = createServer((_req, res) => res.end('<html></html>'));
		// Accepts the connection and never answers: a host that hangs.
		silent = createServer(() => {});
		await Promise.all([listen(answering), listen(silent)]);
		const closed = createServer();
		await listen(closed);
		closedPort = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
	});
	afterAll(() => {
		answering.close();
		silent.closeAllConnections();
		silent.close();
	});

	it('reachable, unreachable (refused), unknown (no answer in time)', async () => {
		expect(
			await Promise.all([
				reachHost(url(answering), fetch),
				reachHost(`http://127.0.0.1:${closedPort}/headless`, fetch),
				reachHost(url(silent), fetch, 300)
			])
		).toEqual(['reachable', 'unreachable', 'unknown']);
	});
});
