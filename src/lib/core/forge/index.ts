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
export { forgeFor, forgeKindOfHost, forgeRepoFor, type ForgeHost } from './forge-for.ts';
