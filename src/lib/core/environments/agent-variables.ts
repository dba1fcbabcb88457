// The agent phase's view of the sandbox: every command it runs sees the environment's variables,
// as setup did (Codex does the same: variables for setup and agent, secrets for setup only).
// Secrets are never added here; they existed only in setup's one exec.
import type { Sandbox } from '../sandbox/index.ts';
import type { EnvVar } from '../store/index.ts';

/**
 * `sandbox` with `variables` set for every exec (a command's own `env` still wins). Files and
 * everything else go straight through; the result is the same sandbox to everyone but `exec`.
 */
export function withAgentVariables(sandbox: Sandbox, variables: EnvVar[]): Sandbox {
	if (variables.length === 0) return sandbox;
	const env = Object.fromEntries(variables.map((v) => [v.name, v.value]));
	return {
		kind: sandbox.kind,
		root: sandbox.root,
		writeTree: (files) => sandbox.writeTree(files),
		writeFile: (path, data, mode) => sandbox.writeFile(path, data, mode),
		readFile: (path) => sandbox.readFile(path),
		list: (dir, options) => sandbox.list(dir, options),
		remove: (path) => sandbox.remove(path),
		exec: (command, options = {}) =>
			sandbox.exec(command, { ...options, env: { ...env, ...options.env } }),
		dispose: () => sandbox.dispose()
	};
}
