// The ways around the Node guard from inside a process, each tried in a real guarded Node
// process (escape-probe.mjs) against real local servers: a custom DNS lookup, a name that
// resolves to a private address, raw bindings, UDP, children and workers started without the
// guard or with a forged policy, and method-override headers.
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../../../src/lib/core/network/index.ts';
import { blocked, event, guardHarness } from './guard-harness.ts';

const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const probe = file('./escape-probe.mjs');
const child = file('./escape-child.mjs');
const fakeResolver = file('./fake-resolver.cjs');

const on = (
	preset: NetworkPolicy['preset'],
	domains: string[],
	methods: NetworkPolicy['methods']
): NetworkPolicy => ({ access: 'on', preset, domains, methods });
const off: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };

let harness: Awaited<ReturnType<typeof guardHarness>>;
let server: Server;
let otherServer: Server;
let udp: Socket;
let port: number;
let otherPort: number;
let udpPort: number;
const datagrams: string[] = [];

const listen = (s: Server, host: string) =>
	new Promise<number>((resolve) =>
		s.listen(0, host, () => resolve((s.address() as AddressInfo).port))
	);

beforeAll(async () => {
	harness = await guardHarness();
	server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
	port = await listen(server, '127.0.0.1');
	// Where a lying lookup would send a connection: a real server on another loopback address.
	otherServer = createServer((_req, res) => res.end('the other server'));
	otherPort = await listen(otherServer, '127.0.0.2');
	udp = createSocket('udp4').on('message', (message) => datagrams.push(String(message)));
	udpPort = await new Promise<number>((resolve) =>
		udp.bind(0, '127.0.0.1', () => resolve(udp.address().port))
	);
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await new Promise((resolve) => otherServer.close(resolve));
	udp.close();
	await harness.cleanup();
});

async function probeGroup(group: string, policy: NetworkPolicy, options: { before?: string } = {}) {
	const env = {
		PROBE_PORT: String(port),
		PROBE_OTHER_PORT: String(otherPort),
		PROBE_UDP_PORT: String(udpPort),
		PROBE_CHILD: child
	};
	const ran = await harness.run([probe, group], policy, { env, ...options });
	if (ran.code !== 0) throw new Error(`probe ${group} failed: ${ran.stderr}`);
	return { results: JSON.parse(ran.stdout) as Record<string, string>, events: ran.events };
}

describe('node guard: the address a connection really reaches', () => {
	it('checks what a custom lookup answers against the system resolver', async () => {
		const { results, events } = await probeGroup('lookup', on('none', ['localhost'], 'all'));
		const lied = 'lookup returned an address localhost does not resolve to: 127.0.0.2';
		const other = `http://localhost:${otherPort}/`;
		expect({ results, events }).toEqual({
			results: {
				netOther: blocked(lied),
				httpOther: blocked(lied),
				netCaching: 'connected to 127.0.0.1',
				httpCaching: `200 GET /`,
				publicName: blocked('not in allowlist: example.test')
			},
			events: [
				event('CONNECT', other, true, 'allowed domain: localhost'),
				event('CONNECT', other, false, lied),
				event('GET', other, true, 'allowed domain: localhost'),
				event('GET', other, false, lied),
				event('CONNECT', `http://localhost:${port}/`, true, 'allowed domain: localhost'),
				event('GET', `http://localhost:${port}/`, true, 'allowed domain: localhost'),
				event('CONNECT', `http://example.test:${port}/`, false, 'not in allowlist: example.test')
			]
		});
	});

	it("under 'all', refuses a custom lookup's private answer", async () => {
		const { results } = await probeGroup('lookup', on('all', [], 'all'));
		expect(results.publicName).toBe(
			blocked('local or private address not listed: example.test (127.0.0.1)')
		);
		expect(results.netCaching).toBe(blocked('local or private address not listed: localhost'));
	});

	it("refuses a name the resolver maps to a private address under 'all' and 'common'", async () => {
		const reason = 'local or private address not listed: private.example (127.0.0.1)';
		const url = `http://private.example:${port}/`;
		const outcomes = [];
		for (const policy of [on('all', [], 'all'), on('common', ['127.0.0.1'], 'all')]) {
			outcomes.push(await probeGroup('resolved', policy, { before: fakeResolver }));
		}
		const common = 'not in allowlist: private.example';
		expect(outcomes).toEqual([
			{
				results: {
					fetch: `TypeError : fetch failed (cause ${blocked(reason)})`,
					http: blocked(reason),
					net: blocked(reason)
				},
				events: [
					event('GET', `${url}r`, true, 'all hosts allowed'),
					event('GET', url, false, reason),
					event('GET', `${url}r`, true, 'all hosts allowed'),
					event('GET', url, false, reason),
					event('CONNECT', url, true, 'all hosts allowed'),
					event('CONNECT', url, false, reason)
				]
			},
			{
				results: {
					fetch: blocked(common, 'TypeError'),
					http: blocked(common),
					net: blocked(common)
				},
				events: [
					event('GET', `${url}r`, false, common),
					event('GET', `${url}r`, false, common),
					event('CONNECT', url, false, common)
				]
			}
		]);
	});

	it('allows that name when it is listed by name', async () => {
		const listed = on('all', ['private.example'], 'all');
		const { results } = await probeGroup('resolved', listed, { before: fakeResolver });
		expect(results).toEqual({
			fetch: '200 GET /r',
			http: '200 GET /r',
			net: 'connected to 127.0.0.1'
		});
	});
});

describe('node guard: raw bindings and UDP', () => {
	it('refuses the raw network and process bindings in every policy', async () => {
		const raw = (name: string) => blocked(`raw binding ${name} not allowed`);
		const { results, events } = await probeGroup('bindings', on('all', [], 'all'));
		expect({ results, events }).toEqual({
			results: {
				tcp_wrap: raw('tcp_wrap'),
				udp_wrap: raw('udp_wrap'),
				pipe_wrap: raw('pipe_wrap'),
				process_wrap: raw('process_wrap'),
				spawn_sync: raw('spawn_sync'),
				cares_wrap: raw('cares_wrap'),
				fs: 'object'
			},
			events: ['tcp_wrap', 'udp_wrap', 'pipe_wrap', 'process_wrap', 'spawn_sync', 'cares_wrap'].map(
				(name) => event('BINDING', `node:${name}`, false, `raw binding ${name} not allowed`)
			)
		});
	});

	it('stops a process started with --expose-internals before its code runs', async () => {
		const ran = await harness.run(
			['--expose-internals', '-e', 'console.log("ran")'],
			on('all', [], 'all')
		);
		expect({ code: ran.code, ran: ran.stdout, events: ran.events }).toEqual({
			code: 1,
			ran: '',
			events: [event('BINDING', 'node:internals', false, '--expose-internals not allowed')]
		});
		expect(ran.stderr).toContain(
			'Blocked by Patchbay network policy: --expose-internals not allowed'
		);
	});

	it('refuses UDP unless every host and method is allowed, and local addresses even then', async () => {
		const udpOff = 'UDP not allowed (only with every host and every method)';
		const outcomes = [];
		for (const policy of [
			on('none', ['127.0.0.1'], 'all'),
			on('all', [], 'read'),
			on('all', [], 'all'),
			on('all', ['127.0.0.1'], 'all')
		]) {
			outcomes.push((await probeGroup('dgram', policy)).results);
		}
		const local = (host: string) => blocked(`local or private address not listed: ${host}`);
		expect({ outcomes, datagrams }).toEqual({
			outcomes: [
				{
					createSocket: blocked(udpOff),
					construct: blocked(udpOff),
					toLocalhost: blocked(udpOff),
					toUnspecified: blocked(udpOff)
				},
				{
					createSocket: blocked(udpOff),
					construct: blocked(udpOff),
					toLocalhost: blocked(udpOff),
					toUnspecified: blocked(udpOff)
				},
				{
					createSocket: local('127.0.0.1 (127.0.0.1)'),
					construct: 'object',
					toLocalhost: local('localhost (127.0.0.1)'),
					toUnspecified: local('0.0.0.0 (0.0.0.0)')
				},
				// Listing the address allows it whatever name leads there.
				{
					createSocket: 'sent',
					construct: 'object',
					toLocalhost: 'sent',
					toUnspecified: local('0.0.0.0 (0.0.0.0)')
				}
			],
			datagrams: ['to 127.0.0.1', 'to localhost']
		});
	});
});

describe('node guard: children and workers', () => {
	it('guards every child and worker with its own policy, whatever environment they get', async () => {
		const { results, events } = await probeGroup('children', off);
		const refused = 'Blocked by Patchbay network policy: network off';
		const ways = [
			'spawn',
			'spawnSync',
			'execFile',
			'execFileSync',
			'exec',
			'execSync',
			'fork',
			'esmImport',
			'childProcessClass',
			'worker',
			'strippedParent'
		];
		const tried = event('GET', `http://127.0.0.1:${port}/child`, false, 'network off');
		expect({ results, events }).toEqual({
			results: Object.fromEntries(ways.map((way) => [way, refused])),
			events: ways.map(() => tried)
		});
	});
});

describe('node guard: method overrides', () => {
	it('judges a method-override header or _method as the method it names', async () => {
		const { results } = await probeGroup('override', on('none', ['127.0.0.1'], 'read'));
		const named = (verb: string, by: string) =>
			`method ${verb} not allowed (read-only; named by ${by})`;
		expect(results).toEqual({
			fetchHeader: blocked(named('DELETE', 'x-http-method-override'), 'TypeError'),
			fetchRequest: blocked(named('PATCH', 'x-method-override'), 'TypeError'),
			fetchQuery: blocked(named('DELETE', '_method'), 'TypeError'),
			httpHeader: blocked(named('PUT', 'x-http-method')),
			httpLateHeader: blocked(named('DELETE', 'x-http-method-override')),
			httpArrayHeaders: blocked(named('PUT', 'x-method-override')),
			fetchReadOverride: '200 GET /o'
		});
	});
});
