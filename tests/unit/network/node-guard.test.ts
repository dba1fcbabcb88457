import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	decide,
	nodeGuardSource,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';
import { decideCases } from './decide-cases.ts';
import { blocked, event, guardHarness, type Logged } from './guard-harness.ts';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./guard-probe.mjs', import.meta.url));
const guardModule = fileURLToPath(
	new URL('../../../src/lib/core/network/node-guard.ts', import.meta.url)
);
const readOnly: NetworkPolicy = {
	access: 'on',
	preset: 'none',
	domains: ['127.0.0.1'],
	methods: 'read'
};
const open: NetworkPolicy = { ...readOnly, methods: 'all' };
const off: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };

let harness: Awaited<ReturnType<typeof guardHarness>>;
let dir: string;
let server: Server;
let port: number;
let closedPort: number;
let runs = 0;

const listen = (s: Server) =>
	new Promise<number>((resolve) =>
		s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))
	);

beforeAll(async () => {
	harness = await guardHarness();
	dir = harness.dir;
	server = createServer((req, res) => {
		if (req.url === '/redirect') {
			res.writeHead(302, { location: `http://localhost:${port}/landing` }).end();
			return;
		}
		res.end(`${req.method} ${req.url}`);
	});
	port = await listen(server);
	const spare = createServer();
	closedPort = await listen(spare);
	await new Promise((resolve) => spare.close(resolve));
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await harness.cleanup();
});

/** Runs `node <args>` with the guard preloaded; returns its stdout and the decisions it logged. */
async function guarded(
	args: string[],
	policy: NetworkPolicy | null,
	extra: Record<string, string> = {},
	guard?: string
): Promise<{ stdout: string; events: Logged[] }> {
	const env = { PROBE_PORT: String(port), PROBE_CLOSED_PORT: String(closedPort), ...extra };
	const ran = await harness.run(args, policy, { env, guard });
	if (ran.code !== 0) throw new Error(`node ${args.join(' ')} failed: ${ran.stderr}`);
	return { stdout: ran.stdout, events: ran.events };
}

describe('node guard', () => {
	it('allows reads and blocks writes and raw sockets under a read-only policy', async () => {
		const { stdout, events } = await guarded([probe], readOnly);
		const local = `http://127.0.0.1:${port}`;
		expect(JSON.parse(stdout)).toEqual({
			fetchGet: '200 GET /f?token=s3cret',
			fetchPost: blocked('method POST not allowed (read-only)', 'TypeError'),
			fetchRedirect: `TypeError : fetch failed (cause ${blocked('not in allowlist: localhost')})`,
			httpGet: '200 GET /h',
			httpPost: blocked('method POST not allowed (read-only)'),
			httpsAllowed: `Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
			httpsDenied: blocked('not in allowlist: localhost'),
			httpUpgrade: blocked('WebSocket not allowed (read-only)'),
			netConnect: blocked('method CONNECT not allowed (read-only)'),
			tlsConnect: blocked('method CONNECT not allowed (read-only)'),
			webSocket: blocked('WebSocket not allowed (read-only)')
		});
		const allowed = 'allowed domain: 127.0.0.1';
		expect(events).toEqual([
			event('GET', `${local}/f?token=***`, true, allowed),
			event('POST', `${local}/f`, false, 'method POST not allowed (read-only)'),
			event('GET', `${local}/redirect`, true, allowed),
			event('GET', `http://localhost:${port}/`, false, 'not in allowlist: localhost'),
			event('GET', `${local}/h`, true, allowed),
			event('POST', `${local}/p`, false, 'method POST not allowed (read-only)'),
			event('GET', `https://127.0.0.1:${closedPort}/s`, true, allowed),
			event('GET', `https://localhost:${closedPort}/s`, false, 'not in allowlist: localhost'),
			event('GET', `ws://127.0.0.1:${port}/u`, false, 'WebSocket not allowed (read-only)'),
			event('CONNECT', `${local}/`, false, 'method CONNECT not allowed (read-only)'),
			event(
				'CONNECT',
				`https://127.0.0.1:${closedPort}/`,
				false,
				'method CONNECT not allowed (read-only)'
			),
			event('GET', `ws://127.0.0.1:${port}/ws`, false, 'WebSocket not allowed (read-only)')
		]);
	});

	it('allows every method and raw sockets to allowed hosts only, with methods "all"', async () => {
		const { stdout, events } = await guarded([probe], open);
		const local = `http://127.0.0.1:${port}`;
		const refused = `Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closedPort}`;
		expect(JSON.parse(stdout)).toEqual({
			fetchGet: '200 GET /f?token=s3cret',
			fetchPost: '200 POST /f',
			fetchRedirect: `TypeError : fetch failed (cause ${blocked('not in allowlist: localhost')})`,
			httpGet: '200 GET /h',
			httpPost: '200 POST /p',
			httpsAllowed: refused,
			httpsDenied: blocked('not in allowlist: localhost'),
			httpUpgrade: '200 GET /u',
			netConnect: 'connected',
			tlsConnect: refused,
			webSocket: 'constructed'
		});
		const allowed = 'allowed domain: 127.0.0.1';
		expect(events).toEqual([
			event('GET', `${local}/f?token=***`, true, allowed),
			event('POST', `${local}/f`, true, allowed),
			event('GET', `${local}/redirect`, true, allowed),
			event('GET', `http://localhost:${port}/`, false, 'not in allowlist: localhost'),
			event('GET', `${local}/h`, true, allowed),
			event('POST', `${local}/p`, true, allowed),
			event('GET', `https://127.0.0.1:${closedPort}/s`, true, allowed),
			event('GET', `https://localhost:${closedPort}/s`, false, 'not in allowlist: localhost'),
			event('GET', `ws://127.0.0.1:${port}/u`, true, allowed),
			event('CONNECT', `${local}/`, true, allowed),
			event('CONNECT', `https://127.0.0.1:${closedPort}/`, true, allowed),
			event('GET', `ws://127.0.0.1:${port}/ws`, true, allowed)
		]);
	});

	it('blocks everything when the network is off', async () => {
		const { stdout } = await guarded([probe], off);
		expect(JSON.parse(stdout)).toEqual({
			fetchGet: blocked('network off', 'TypeError'),
			fetchPost: blocked('network off', 'TypeError'),
			fetchRedirect: blocked('network off', 'TypeError'),
			httpGet: blocked('network off'),
			httpPost: blocked('network off'),
			httpsAllowed: blocked('network off'),
			httpsDenied: blocked('network off'),
			httpUpgrade: blocked('network off'),
			netConnect: blocked('network off'),
			tlsConnect: blocked('network off'),
			webSocket: blocked('network off')
		});
	});

	it('fails closed without a usable policy, and falls back to an embedded one', async () => {
		const script = `fetch('http://127.0.0.1:${port}/').then(r => console.log(r.status), e => console.log(e.message))`;
		const fallbackGuard = join(dir, 'guard-fallback.cjs');
		await writeFile(fallbackGuard, nodeGuardSource(readOnly));
		const outputs = await Promise.all([
			guarded(['-e', script], null),
			guarded(['-e', script], readOnly, { PATCHBAY_NETWORK_POLICY: '{"access":"on"' }),
			guarded(['-e', script], readOnly, { PATCHBAY_NETWORK_POLICY: '{"access":"on"}' }),
			guarded(['-e', script], null, {}, fallbackGuard),
			guarded(['-e', script], off, {}, fallbackGuard)
		]);
		const closed = 'Blocked by Patchbay network policy: network off\n';
		expect(outputs.map((o) => o.stdout)).toEqual([closed, closed, closed, '200\n', closed]);
	});

	it('is inherited by a grandchild process, which logs to the same file', async () => {
		const grandchild = [
			`const url = 'http://127.0.0.1:${port}/g';`,
			'const show = (p) => p.then((r) => r.status, (e) => e.message);',
			"Promise.all([show(fetch(url)), show(fetch(url, { method: 'PUT' }))])",
			'.then((results) => console.log(JSON.stringify(results)));'
		].join('\n');
		const child = [
			"const { execFileSync } = require('node:child_process');",
			`const out = execFileSync(process.execPath, ['-e', ${JSON.stringify(grandchild)}]);`,
			'process.stdout.write(out);'
		].join('\n');
		const { stdout, events } = await guarded(['-e', child], readOnly, {
			PATCHBAY_NETWORK_PHASE: 'setup'
		});
		const url = `http://127.0.0.1:${port}/g`;
		const setup = (e: Logged): Logged => ({ ...e, phase: 'setup' });
		expect({ results: JSON.parse(stdout), events }).toEqual({
			results: [200, 'Blocked by Patchbay network policy: method PUT not allowed (read-only)'],
			events: [
				setup(event('GET', url, true, 'allowed domain: 127.0.0.1')),
				setup(event('PUT', url, false, 'method PUT not allowed (read-only)'))
			]
		});
	});

	it('keeps working when the guard path has a space in it', async () => {
		const spaced = join(dir, 'with space', 'guard.cjs');
		await mkdir(join(dir, 'with space'));
		await writeFile(spaced, nodeGuardSource());
		const script = `fetch('http://127.0.0.1:${port}/').catch(e => console.log(e.message))`;
		const { stdout } = await guarded(['-e', script], off, {}, spaced);
		expect(stdout).toBe('Blocked by Patchbay network policy: network off\n');
	});
});

describe('node guard and decide()', () => {
	const agreement = [
		"const cases = JSON.parse(require('node:fs').readFileSync(process.env.CASES, 'utf8'));",
		"const guard = globalThis[Symbol.for('patchbay.network-guard')];",
		'const results = cases.map(([policy, url, method, , , headers]) =>',
		'\tguard.decide(policy, url, method ?? undefined, headers ?? undefined));',
		'process.stdout.write(JSON.stringify(results));'
	].join('\n');
	const expected = decideCases.map(([, , , allowed, reason]) => ({ allowed, reason }));

	async function guardDecisions(guard: string): Promise<unknown> {
		const casesPath = join(dir, `cases-${++runs}.json`);
		await writeFile(casesPath, JSON.stringify(decideCases));
		const { stdout } = await guarded(['-e', agreement], off, { CASES: casesPath }, guard);
		return JSON.parse(stdout);
	}

	it('decide() gives the table its expected results', () => {
		const results = decideCases.map(([p, url, method, , , headers]) =>
			decide(p, url, method, headers)
		);
		expect(results).toEqual(expected);
	});

	it('the guard agrees with decide() on the whole table', async () => {
		expect(await guardDecisions(harness.guardPath)).toEqual(expected);
	});

	it('still agrees when the guard is generated by plain Node (type stripping)', async () => {
		const generate = `import(${JSON.stringify(guardModule)}).then((m) => process.stdout.write(m.nodeGuardSource()))`;
		const { stdout } = await run(process.execPath, ['-e', generate], {
			env: { PATH: process.env.PATH ?? '' }
		});
		const strippedGuard = join(dir, 'guard.stripped.cjs');
		await writeFile(strippedGuard, stdout);
		expect(await guardDecisions(strippedGuard)).toEqual(expected);
	});

	it('still agrees when the guard is generated from a minified build', async () => {
		const bundle = await build({
			input: guardModule,
			write: false,
			output: { format: 'esm', minify: true }
		});
		const modulePath = join(dir, 'node-guard.min.mjs');
		await writeFile(modulePath, bundle.output[0].code);
		const minified = (await import(modulePath)) as { nodeGuardSource: () => string };
		const minifiedGuard = join(dir, 'guard.min.cjs');
		await writeFile(minifiedGuard, minified.nodeGuardSource());
		expect(await guardDecisions(minifiedGuard)).toEqual(expected);
	});
});
