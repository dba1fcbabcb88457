export type {
	ChangeRequestOptions,
	ChangeRequestResult,
	Forge,
	ForgeContext,
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
	forgeRepoFor,
	type ForgeHost
} from './forge-for.ts';
export { lookupRepository } from './lookup.ts';
export { createGitForge } from './git/index.ts';
