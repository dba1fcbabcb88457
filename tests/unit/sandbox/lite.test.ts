import { createLiteSandbox } from '../../../src/lib/core/sandbox/lite.ts';
import { sandboxContract } from './contract.ts';

sandboxContract('Lite (just-bash)', async () => createLiteSandbox({ root: '/work/attempt-1' }));
