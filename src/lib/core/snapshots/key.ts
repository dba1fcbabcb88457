// What a snapshot is valid for: one environment, one commit, one setup (runtime, script,
// variables, secrets). The setup is kept as a SHA-256 only: its values are never stored.
import type { SandboxKind } from '../sandbox/index.ts';
import type { EnvVar } from '../store/index.ts';

export type SnapshotKey = { environmentId: string; commit: string; configHash: string };

export type SnapshotKeyInput = {
	environment: { id: string; setupScript: string; envVars: EnvVar[]; setupSecrets: EnvVar[] };
	commit: string;
	runtime: SandboxKind;
};

export async function snapshotKey(input: SnapshotKeyInput): Promise<SnapshotKey> {
	const { environment } = input;
	const pairs = (vars: EnvVar[]) =>
		vars.map((v) => [v.name, v.value]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
	const canonical = JSON.stringify({
		version: 1,
		runtime: input.runtime,
		script: environment.setupScript,
		envVars: pairs(environment.envVars),
		secrets: pairs(environment.setupSecrets)
	});
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
	const configHash = [...new Uint8Array(digest)]
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('');
	return { environmentId: environment.id, commit: input.commit, configHash };
}
