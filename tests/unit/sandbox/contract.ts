// The Sandbox contract: one suite every implementation must pass.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputChunk, Sandbox, TreeFile } from '../../../src/lib/core/sandbox/types.ts';

export type ContractOptions = {
	/** A pseudo-terminal merges stderr into stdout (the WebContainer's `jsh`). */
	mergedStderr?: boolean;
};

const enc = new TextEncoder();
const dec = new TextDecoder();
const binary = new Uint8Array([0, 1, 2, 255, 254, 10, 13, 0, 128]);

export const baseline: TreeFile[] = [
	{ path: 'README.md', mode: '100644', data: enc.encode('# demo\n') },
	{ path: 'bin/run.sh', mode: '100755', data: enc.encode('#!/bin/sh\necho run\n') },
	{ path: 'link', mode: '120000', data: enc.encode('README.md') },
	{ path: 'src/deep/nested/file.txt', mode: '100644', data: enc.encode('nested\n') },
	{ path: 'assets/blob.bin', mode: '100644', data: binary },
	{ path: 'node_modules/pkg/index.js', mode: '100644', data: enc.encode('module.exports = 1;\n') }
];

export function sandboxContract(
	name: string,
	make: () => Promise<Sandbox>,
	options: ContractOptions = {}
) {
	describe(`Sandbox contract: ${name}`, () => {
		let sandbox: Sandbox;
		/** The listing as path and mode: what every runtime reports. */
		const list = async (dir?: string, listOptions?: { skipDirs?: string[] }) =>
			(await sandbox.list(dir, listOptions)).map(({ path, mode }) => ({ path, mode }));
		beforeEach(async () => {
			sandbox = await make();
			await sandbox.writeTree(baseline);
		});
		afterEach(async () => {
			await sandbox.dispose();
		});

		it('lists every file with its mode and size, sorted, skipping given folders', async () => {
			const all = baseline
				.map((f) => ({ path: f.path, mode: f.mode }))
				.sort((a, b) => (a.path < b.path ? -1 : 1));
			expect(await list()).toEqual(all);
			expect(await list('', { skipDirs: ['node_modules'] })).toEqual(
				all.filter((f) => !f.path.startsWith('node_modules/'))
			);
			expect(await list('src')).toEqual([{ path: 'src/deep/nested/file.txt', mode: '100644' }]);
			expect(await list('nowhere')).toEqual([]);
			// Size, where a runtime reports it, is the file's (a symlink's: its target's length).
			for (const entry of await sandbox.list()) {
				const file = baseline.find((f) => f.path === entry.path)!;
				if (entry.size !== undefined) expect(entry.size).toBe(file.data.length);
			}
		});

		it('reads files back byte for byte, symlinks as their target, missing as null', async () => {
			expect(await sandbox.readFile('assets/blob.bin')).toEqual(binary);
			expect(dec.decode((await sandbox.readFile('link'))!)).toBe('README.md');
			expect(await sandbox.readFile('missing.txt')).toBeNull();
			expect(await sandbox.readFile('src')).toBeNull();
		});

		it('overwrites, changes modes and removes files and folders', async () => {
			await sandbox.writeFile('README.md', 'changed\n', '100755');
			await sandbox.writeFile('new/dir/file.txt', enc.encode('new\n'));
			await sandbox.remove('src');
			await sandbox.remove('link');
			await sandbox.remove('never-existed');
			const listed = await list('', { skipDirs: ['node_modules'] });
			expect(listed).toEqual([
				{ path: 'README.md', mode: '100755' },
				{ path: 'assets/blob.bin', mode: '100644' },
				{ path: 'bin/run.sh', mode: '100755' },
				{ path: 'new/dir/file.txt', mode: '100644' }
			]);
			expect(dec.decode((await sandbox.readFile('README.md'))!)).toBe('changed\n');
		});

		it("keeps an existing file's mode when rewritten without one", async () => {
			await sandbox.writeFile('bin/run.sh', '#!/bin/sh\necho changed\n');
			await sandbox.writeFile('fresh.txt', 'new\n');
			const listed = await list('', { skipDirs: ['node_modules', 'src', 'assets'] });
			expect(listed).toEqual([
				{ path: 'README.md', mode: '100644' },
				{ path: 'bin/run.sh', mode: '100755' },
				{ path: 'fresh.txt', mode: '100644' },
				{ path: 'link', mode: '120000' }
			]);
		});

		it('refuses paths outside the sandbox', async () => {
			await expect(sandbox.readFile('../outside')).rejects.toThrow(
				'Path escapes the sandbox: ../outside'
			);
			await expect(sandbox.writeFile('/etc/passwd', 'x')).rejects.toThrow(
				'Path escapes the sandbox'
			);
		});

		it('runs a command: stdout, exit code, and files it writes', async () => {
			const ok = await sandbox.exec('cat README.md && echo made > made.txt');
			expect([ok.exitCode, ok.stdout, ok.timedOut, ok.aborted]).toEqual([
				0,
				'# demo\n',
				false,
				false
			]);
			expect(dec.decode((await sandbox.readFile('made.txt'))!)).toBe('made\n');
			const failed = await sandbox.exec('exit 3');
			expect(failed.exitCode).toBe(3);
		});

		it('keeps stderr apart from stdout (or merged, on a terminal)', async () => {
			const result = await sandbox.exec('echo out; echo err >&2; exit 2');
			expect(result.exitCode).toBe(2);
			// Two pipes into one terminal: both lines arrive, in either order.
			if (options.mergedStderr)
				expect(result.stdout.split('\n').sort()).toEqual(['', 'err', 'out']);
			else expect([result.stdout, result.stderr]).toEqual(['out\n', 'err\n']);
		});

		it('passes env and runs in the given working directory', async () => {
			const result = await sandbox.exec('echo "$GREETING"; pwd; cat file.txt', {
				env: { GREETING: 'hello there' },
				cwd: 'src/deep/nested'
			});
			expect(result.stdout).toBe(`hello there\n${sandbox.root}/src/deep/nested\nnested\n`);
			const unset = await sandbox.exec('echo "[$GREETING]"');
			expect(unset.stdout).toBe('[]\n');
		});

		it('stops a command at its timeout', async () => {
			const result = await sandbox.exec('sleep 20; echo never', { timeoutMs: 300 });
			expect([result.exitCode, result.timedOut, result.aborted]).toEqual([124, true, false]);
			expect(result.stdout).not.toContain('never');
			expect(result.durationMs).toBeLessThan(10_000);
		});

		it('stops a command when aborted', async () => {
			const controller = new AbortController();
			setTimeout(() => controller.abort(), 200);
			const result = await sandbox.exec('sleep 20; echo never', { signal: controller.signal });
			expect([result.exitCode, result.timedOut, result.aborted]).toEqual([130, false, true]);
			expect(result.durationMs).toBeLessThan(10_000);
		});

		it('streams large output to the listener and returns all of it', async () => {
			const chunks: OutputChunk[] = [];
			const result = await sandbox.exec('seq 1 50000', { onOutput: (chunk) => chunks.push(chunk) });
			const expected = Array.from({ length: 50000 }, (_, i) => `${i + 1}\n`).join('');
			expect(result.stdout).toBe(expected);
			expect(chunks.map((c) => c.text).join('')).toBe(expected);
		});
	});
}
