// Zero-step start: a setup proposal made from a repository's own files, and links that open the
// app with a repository (and a task) filled in.
export { proposeSetup, proposerReads } from './propose-setup.ts';
export type { PackageManager, RepoFiles, SetupProposal } from './types.ts';
export { parseStartLink, startLinkFor, type StartLink, type StartMode } from './start-link.ts';
export { START_LINK_LIMITS } from './link-values.ts';
export { environmentFromShare, matchingEnvironment, type SharedValues } from './from-share.ts';
