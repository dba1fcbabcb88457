import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	setupPolicyFor,
	type NetworkAuditEvent,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';
import {
	createLiteNetwork,
	createLiteSandbox,
	type NetworkState
} from '../../../src/lib/core/sandbox/index.ts';
import { listen, type RunningServer } from '../../servers/http-common.ts';

let server: RunningServer;
let other: RunningServer;

beforeAll(async () => {
	other = await listen(
		(_req, res) => void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('other host\n')
	);
	server = await listen((req, res) => {
		if (req.url === '/redirect-out')
			return void res
				.writeHead(302, { Location: `${other.url.replace('127.0.0.1', 'localhost')}/x` })
				.end();
		if (req.url === '/redirect-in') return void res.writeHead(302, { Location: '/hello' }).end();
		res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${req.method} ok\n`);
	});
});
afterAll(async () => {
	await server.close();
	await other.close();
});

const off: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };
const localRead: NetworkPolicy = {
	access: 'on',
	preset: 'none',
	domains: ['127.0.0.1'],
	methods: 'read'
};
const all: NetworkPolicy = { access: 'on', preset: 'all', domains: [], methods: 'all' };
/** Setup as an environment that lists the local peer gets it. */
const setupWithLocal = setupPolicyFor({ domains: ['127.0.0.1'] });

function sandboxWith(state: NetworkState) {
	const audit: NetworkAuditEvent[] = [];
	const current = { ...state };
	const sandbox = createLiteSandbox({
		fetch: createLiteNetwork({ state: () => current, onAudit: (e) => audit.push(e) }),
		// Node's fetch trips just-bash's escape guard; the browser's does not (see LiteOptions).
		defenseInDepth: false
	});
	return { sandbox, audit, current };
}

const brief = (events: NetworkAuditEvent[]) =>
	events.map(({ phase, source, method, url, allowed, reason }) => ({
		phase,
		source,
		method,
		url,
		allowed,
		reason
	}));

describe('Lite network through decide()', () => {
	it('blocks everything when the policy is off, and audits it', async () => {
		const { sandbox, audit } = sandboxWith({ policy: off, phase: 'agent' });
		const result = await sandbox.exec(`curl -sS ${server.url}/hello?token=abc`);
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toContain('Blocked by Patchbay network policy: network off');
		expect(brief(audit)).toEqual([
			{
				phase: 'agent',
				source: 'lite-curl',
				method: 'GET',
				url: `${server.url}/hello?token=***`,
				allowed: false,
				reason: 'network off'
			}
		]);
	});

	it('read-only: GET passes, POST is blocked', async () => {
		const { sandbox, audit } = sandboxWith({ policy: localRead, phase: 'agent' });
		const get = await sandbox.exec(`curl -sS ${server.url}/hello`);
		expect([get.exitCode, get.stdout, get.stderr]).toEqual([0, 'GET ok\n', '']);
		const post = await sandbox.exec(`curl -sS -X POST -d x=1 ${server.url}/hello`);
		expect(post.exitCode).not.toBe(0);
		expect(post.stderr).toContain('method POST not allowed (read-only)');
		expect(audit.map((e) => [e.method, e.allowed])).toEqual([
			['GET', true],
			['POST', false]
		]);
	});

	it('decides each redirect hop: same host followed, another host refused', async () => {
		const { sandbox, audit } = sandboxWith({ policy: localRead, phase: 'agent' });
		const inside = await sandbox.exec(`curl -sS -L ${server.url}/redirect-in`);
		expect(inside.stdout).toBe('GET ok\n');
		const outside = await sandbox.exec(`curl -sS -L ${server.url}/redirect-out`);
		expect(outside.exitCode).not.toBe(0);
		expect(outside.stderr).toContain('not in allowlist: localhost');
		expect(audit.map((e) => e.allowed)).toEqual([true, true, true, false]);
	});

	it('read-only: a method-override header is judged as the method it names', async () => {
		const { sandbox, audit } = sandboxWith({ policy: localRead, phase: 'agent' });
		const results = [];
		for (const header of [
			'X-HTTP-Method-Override: DELETE',
			'x-http-method: PUT',
			'X-Method-Override: patch',
			'X-Http-Method-Override: GET'
		]) {
			const run = await sandbox.exec(`curl -sS -H '${header}' ${server.url}/hello`);
			results.push([run.exitCode === 0, run.stdout]);
		}
		const viaQuery = await sandbox.exec(`curl -sS '${server.url}/hello?_method=DELETE'`);
		results.push([viaQuery.exitCode === 0, viaQuery.stdout]);
		expect({ results, reasons: audit.map((e) => e.reason) }).toEqual({
			results: [
				[false, ''],
				[false, ''],
				[false, ''],
				[true, 'GET ok\n'],
				[false, '']
			],
			reasons: [
				'method DELETE not allowed (read-only; named by x-http-method-override)',
				'method PUT not allowed (read-only; named by x-http-method)',
				'method PATCH not allowed (read-only; named by x-method-override)',
				'allowed domain: 127.0.0.1',
				'method DELETE not allowed (read-only; named by _method)'
			]
		});
	});

	it("'all' is the internet: a local host only when listed by name", async () => {
		const { sandbox, audit, current } = sandboxWith({ policy: all, phase: 'setup' });
		const refused = await sandbox.exec(`curl -sS ${server.url}/hello`);
		Object.assign(current, { policy: setupWithLocal });
		const listed = await sandbox.exec(`curl -sS ${server.url}/hello`);
		expect({
			refused: [refused.exitCode === 0, refused.stdout],
			listed: [listed.exitCode === 0, listed.stdout],
			reasons: audit.map((e) => [e.allowed, e.reason])
		}).toEqual({
			refused: [false, ''],
			listed: [true, 'GET ok\n'],
			reasons: [
				[false, 'local or private address not listed: 127.0.0.1'],
				[true, 'allowed domain: 127.0.0.1']
			]
		});
		expect(refused.stderr).toContain(
			'Blocked by Patchbay network policy: local or private address not listed: 127.0.0.1'
		);
	});

	it('switches policy with the phase: the same request passes in setup and not in the agent phase', async () => {
		const { sandbox, audit, current } = sandboxWith({ policy: setupWithLocal, phase: 'setup' });
		expect((await sandbox.exec(`curl -sS ${server.url}/hello`)).stdout).toBe('GET ok\n');
		Object.assign(current, { policy: off, phase: 'agent' });
		expect((await sandbox.exec(`curl -sS ${server.url}/hello`)).exitCode).not.toBe(0);
		expect(audit.map((e) => [e.phase, e.allowed])).toEqual([
			['setup', true],
			['agent', false]
		]);
	});
});
