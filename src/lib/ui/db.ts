import { openPatchbayDb, type PatchbayDb } from '$lib/core/store';

let opening: Promise<PatchbayDb> | undefined;

/** The page's one connection to the Patchbay database, opened on first use. */
export function appDb(): Promise<PatchbayDb> {
	opening ??= openPatchbayDb();
	return opening;
}
