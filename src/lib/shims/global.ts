// lightning-fs bundles fast-text-encoding, which looks for `window`, then `global`; a module
// worker has neither. Import this module first in any worker that loads lightning-fs.
const scope = globalThis as { global?: typeof globalThis };
scope.global ??= globalThis;
