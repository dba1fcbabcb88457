export type {
	Baseline,
	BaselineEntry,
	BlobMode,
	CheckoutProgress,
	CheckoutStats,
	SkippedEntry
} from './baseline.ts';
export { DEFAULT_MAX_FILE_BYTES } from './baseline.ts';
export { parseRepoInput, repoLabel, type ParsedRepo, type RepoRef } from './repo-ref.ts';
export { lookupRepo, type RepoInfo } from './lookup.ts';
export {
	checkout,
	baselineFiles,
	gitdirFor,
	type CheckoutOptions,
	type CheckoutResult
} from './checkout.ts';
export { openObjectStore, readBlob, type ObjectStore } from './object-store.ts';
