// Size caps. Decoding work is linear in its input, so these caps also bound its time: base64
// decoding is linear in the link, inflation stops at the inflated cap, and JSON parsing and
// validation are linear in the inflated text (validation depth is fixed by the schema).

/** Longest link text `decodeShare` reads (base64url characters), ~2 MB: Chrome's URL cap. */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;

/** Most bytes a link may inflate to; inflation aborts as soon as output passes this. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

/**
 * Compressed input fed to the inflater per step. Deflate expands at most ~1032:1, so one step
 * yields at most ~4 MB: a bomb is caught with at most the cap plus one step allocated.
 */
export const INFLATE_CHUNK_BYTES = 4 * 1024;

/** Links longer than this (characters, whole URL) fail to open in some browsers. */
export const PRACTICAL_URL_LIMIT = 1_500_000;
