// apply_patch's FileAccess over the sandbox: files as UTF-8 text, `null` for a missing one. A
// rewritten file keeps its mode (the sandbox's writeFile does that when given no mode), so the
// diff shows no mode change nobody made.
import type { FileAccess } from '../../patch/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';

export function sandboxFiles(sandbox: Sandbox): FileAccess {
	const decoder = new TextDecoder();
	return {
		async read(path) {
			const bytes = await sandbox.readFile(path);
			return bytes === null ? null : decoder.decode(bytes);
		},
		write: (path, text) => sandbox.writeFile(path, text),
		remove: (path) => sandbox.remove(path)
	};
}
