// The setup phase: the environment's script, run once in the fresh sandbox with its variables
// and setup-only secrets. Secrets exist for that one command and nowhere after it.
import { secretMasker } from '../secrets/mask.ts';
import type { OutputChunk, Sandbox } from '../sandbox/index.ts';
import type { EnvVar } from '../store/index.ts';

export type SetupResult = {
	exitCode: number;
	durationMs: number;
	log: string;
	timedOut: boolean;
	aborted: boolean;
};

export type SetupOptions = {
	script: string;
	envVars: EnvVar[];
	secrets: EnvVar[];
	timeoutMs?: number;
	signal?: AbortSignal;
	/** Output as it comes, secrets already masked. */
	onOutput?: (chunk: OutputChunk) => void;
};

export const DEFAULT_SETUP_TIMEOUT_MS = 10 * 60 * 1000;

export async function runSetup(sandbox: Sandbox, options: SetupOptions): Promise<SetupResult> {
	const mask = secretMasker(options.secrets.map((s) => s.value));
	if (!options.script.trim())
		return { exitCode: 0, durationMs: 0, log: '', timedOut: false, aborted: false };
	const env = Object.fromEntries(
		[...options.envVars, ...options.secrets].map((v) => [v.name, v.value])
	);
	const result = await sandbox.exec(options.script, {
		env,
		timeoutMs: options.timeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS,
		signal: options.signal,
		onOutput: (chunk) => options.onOutput?.({ ...chunk, text: mask(chunk.text) })
	});
	return {
		exitCode: result.exitCode,
		durationMs: result.durationMs,
		log: mask(result.stdout + result.stderr),
		timedOut: result.timedOut,
		aborted: result.aborted
	};
}

/** The last lines of a log, for an error message. */
export function logTail(log: string, lines = 15): string {
	const all = log.trimEnd().split('\n');
	return all.slice(-lines).join('\n');
}
