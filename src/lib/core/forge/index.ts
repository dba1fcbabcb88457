export type {
	ChangeRequestOptions,
	ChangeRequestResult,
	Forge,
	ForgeContext,
	ForgeKind,
	ForgePushOptions,
	ForgeRepo,
	RepoInfo,
	TokenCheck
} from './types.ts';
export {
	forgeApiBase,
	forgeFor,
	forgeForHost,
	forgeKindOfHost,
	forgeRepoFor,
	type ForgeHost
} from './forge-for.ts';
export { lookupRepository } from './lookup.ts';
