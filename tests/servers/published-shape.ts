// Types that tie a peer's JSON bodies to a forge's published description (the types a client
// generated from, or maintained against, that forge's API: @gitbeaker/core for GitLab, gitea-js
// and @llamaduck/forgejo-ts for Gitea and Forgejo). A body written `satisfies Sends<…>` fails
// `npm run check` when a field is renamed (an excess property), mistyped, or dropped.

/** `T` without its index signature: gitbeaker's schemas extend `Record<string, unknown>`, which
 * would let any field through. */
export type Strict<T> = {
	[K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/**
 * `T` with every field present and no `undefined`, all the way down. Gitea's swagger marks no
 * field required, so its generated types make every field optional; a body the peer sends, or a
 * field the app reads, is one that is there.
 */
export type Sure<T> = T extends readonly (infer E)[]
	? Sure<E>[]
	: T extends object
		? { [K in keyof Strict<T>]-?: Sure<Exclude<Strict<T>[K], undefined>> }
		: T;

/**
 * The body a peer sends for an endpoint whose published answer is `Published`: exactly the
 * fields `Keys`, each present and typed as published, plus `Own`: fields typed here instead —
 * a nested object sent in part (itself a `Sends` of the published nested type), or a field the
 * forge really sends that the published type lacks or types too narrowly (the use says which).
 */
export type Sends<
	Published,
	Keys extends keyof Strict<Published>,
	Own extends object = Record<never, never>
> = {
	[K in Exclude<Keys, keyof Own>]-?: Exclude<Strict<Published>[K], undefined>;
} & Own;
