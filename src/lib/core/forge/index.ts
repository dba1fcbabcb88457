export type {
	ChangeRequestOptions,
	ChangeRequestWords,
	ChangeRequestResult,
	Forge,
	ForgeContext,
	ForgeEntry,
	ForgeKind,
	ForgeListing,
	ForgeListingOptions,
	ForgePushOptions,
	ForgeRepo,
	ForgeSnapshotOptions,
	PushResult,
	RepoInfo,
	TokenCheck
} from './types.ts';
export {
	checkout,
	checkoutForge,
	listWithFiles,
	type CheckoutOptions,
	type CheckoutResult,
	type ListedFiles,
	type ListFilesOptions
} from './checkout.ts';
export {
	forgeApiBase,
	forgeFor,
	forgeForHost,
	forgeKindOfHost,
	forgeMeta,
	forgeRepoFor,
	namedHostKind,
	settingsKinds,
	type ForgeHost,
	type ForgeMeta
} from './forge-for.ts';
export { lookupRepository } from './lookup.ts';
export { createGitForge } from './git/index.ts';
