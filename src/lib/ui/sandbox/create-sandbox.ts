// Picks the runtime for an attempt: the WebContainer when the page can boot one (or the user
// forced it), else Lite, saying why.
import { AppError } from '$lib/core/http';
import { createLiteSandbox, createWebContainerSandbox, type Sandbox } from '$lib/core/sandbox';
import type { RuntimeChoice } from '$lib/core/store';
import { bootTimedOut, bootWebContainer } from './webcontainer-boot';

export type MadeSandbox = { sandbox: Sandbox; notice?: string };

export async function createSandbox(
	runtime: RuntimeChoice,
	attemptId: string
): Promise<MadeSandbox> {
	if (runtime === 'lite') return { sandbox: createLiteSandbox({ root: `/work/${attemptId}` }) };
	try {
		const earlier = runtime === 'auto' ? bootTimedOut() : undefined;
		if (earlier) throw earlier;
		const container = await bootWebContainer();
		return { sandbox: createWebContainerSandbox(container, `work/${attemptId}`) };
	} catch (error) {
		if (runtime === 'webcontainer') throw error;
		const why = error instanceof AppError ? error.message : String(error);
		return {
			sandbox: createLiteSandbox({ root: `/work/${attemptId}` }),
			notice: `Using the Lite runtime (a virtual bash shell without Node): ${why}`
		};
	}
}
