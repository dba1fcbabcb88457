// isomorphic-git reads the global `Buffer`, which browsers lack. Import this module before
// anything that loads isomorphic-git.
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
