// The Sandbox contract, run against Lite inside real Chromium (Vitest browser mode).
import '../../src/lib/shims/buffer.ts';
import { createLiteSandbox } from '../../src/lib/core/sandbox/lite.ts';
import { sandboxContract } from '../unit/sandbox/contract.ts';

sandboxContract('Lite (just-bash) in Chromium', async () =>
	createLiteSandbox({ root: '/work/attempt-1' })
);
