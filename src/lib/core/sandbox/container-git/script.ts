// The git script's source text, built from main.ts at build time. A module of its own so the
// page loads it (with `await import`) only when a WebContainer is used.
import source from './main.ts?node-script';

export const GIT_SCRIPT: string = source;
