// The real app for the bundle figure: built into .out/bench (PATCHBAY_OUT keeps it apart from other
// builds) unless that build is newer than its sources, and served by `vite preview`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { newestMtime } from './browser.ts';

const root = new URL('../', import.meta.url).pathname;
export const APP_OUT = '.out/bench';
export const appBuildDir = `${root}${APP_OUT}/build`;
const vite = `${root}node_modules/vite/bin/vite.js`;
const env = { ...process.env, PATCHBAY_OUT: APP_OUT };

async function sourcesMtime(): Promise<number> {
	const files = ['svelte.config.js', 'vite.config.ts', 'package-lock.json'].map(
		(f) => statSync(`${root}${f}`).mtimeMs
	);
	return Math.max(...files, await newestMtime(`${root}src`), await newestMtime(`${root}static`));
}

export async function buildApp(log: (message: string) => void): Promise<void> {
	const stamp = `${appBuildDir}/index.html`;
	if (existsSync(stamp) && statSync(stamp).mtimeMs > (await sourcesMtime())) return;
	log('bundle: building the app (vite build, PATCHBAY_OUT=.out/bench)');
	const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: root,
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const [code] = (await once(child, 'close')) as [number | null];
	if (code !== 0) throw new Error(`vite build failed (${code})`);
}

export type Preview = { url: string; stop(): Promise<void> };

export async function previewApp(port = 4301): Promise<Preview> {
	const child: ChildProcess = spawn(
		process.execPath,
		[vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
		{ cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode})`);
		try {
			if ((await fetch(url)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('vite preview did not start');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		url,
		async stop() {
			child.kill();
			if (child.exitCode === null) await once(child, 'close');
		}
	};
}
