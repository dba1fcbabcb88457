// Runs real Node processes with the network guard preloaded, as an exec in the WebContainer
// would, and reads back the decisions they logged.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	nodeGuardEnv,
	nodeGuardSource,
	parseNetworkLog,
	type NetworkAuditEvent,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';

export type Logged = Omit<NetworkAuditEvent, 'time'>;
export type GuardedRun = { code: number; stdout: string; stderr: string; events: Logged[] };

export const event = (method: string, url: string, allowed: boolean, reason: string): Logged => ({
	type: 'network',
	phase: 'agent',
	source: 'node-guard',
	method,
	url,
	allowed,
	reason
});

/** The message a guarded process gets for a refusal, as `${name} ${code}: ${message}`. */
export const blocked = (reason: string, name = 'Error') =>
	`${name} PATCHBAY_NETWORK_BLOCKED: Blocked by Patchbay network policy: ${reason}`;

const closed: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };

export async function guardHarness() {
	const dir = await mkdtemp(join(tmpdir(), 'patchbay-guard-'));
	const guardPath = join(dir, 'guard.cjs');
	await writeFile(guardPath, nodeGuardSource());
	let runs = 0;

	/**
	 * `node <args>` with the guard preloaded under `policy` (null: no policy variable at all).
	 * `before` preloads a module ahead of the guard (a stand-in for the system resolver); `env`
	 * is added to the guarded environment; `guard` is another guard file to preload.
	 */
	async function run(
		args: string[],
		policy: NetworkPolicy | null,
		options: { env?: Record<string, string>; before?: string; guard?: string } = {}
	): Promise<GuardedRun> {
		const logPath = join(dir, `log-${++runs}.jsonl`);
		const guardEnv: Record<string, string> = nodeGuardEnv({
			guardPath: options.guard ?? guardPath,
			policy: policy ?? closed,
			logPath,
			phase: 'agent'
		});
		if (policy === null) delete guardEnv.PATCHBAY_NETWORK_POLICY;
		if (options.before) {
			guardEnv.NODE_OPTIONS = `--require ${options.before} ${guardEnv.NODE_OPTIONS}`;
		}
		const env = { PATH: process.env.PATH ?? '', ...guardEnv, ...options.env };
		const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
			(resolve) => {
				execFile(process.execPath, args, { env, timeout: 20_000 }, (error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
					resolve({ code, stdout, stderr });
				});
			}
		);
		const log = await readFile(logPath, 'utf8').catch(() => '');
		const events = parseNetworkLog(log).map(({ time: _time, ...entry }) => entry);
		return { ...result, events };
	}

	return { dir, guardPath, run, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
