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

/** A cap on a list in a link: how many items, and what they are called in a message. */
export type ListCap = { items: number; plural: string };
/** A cap on a text in a link, in UTF-16 code units, and how a message names it. */
export type TextCap = { chars: number; what: string };

// Every list and text in a link has a cap, so the share page renders a bounded number of
// elements whatever a link holds (the inflated cap alone lets 8 MB of `"",` be a million
// follow-ups). Free text is capped generously: the inflated cap bounds it together anyway.
// Lists are what multiply the page's work, so they are capped at what a real task produces.
export const SHARE_CAPS = {
	title: { chars: 1_000, what: 'The title' },
	repoUrl: { chars: 2_048, what: 'The repository URL' },
	branch: { chars: 1_024, what: 'The branch name' },
	prompt: { chars: 1_000_000, what: 'The prompt' },
	followUps: { items: 200, plural: 'follow-ups' },
	followUp: { chars: 1_000_000, what: 'A follow-up' },
	setupScript: { chars: 200_000, what: 'The setup script' },
	envVarNames: { items: 200, plural: 'environment variable names' },
	setupSecretNames: { items: 200, plural: 'secret names' },
	variableName: { chars: 256, what: 'A variable or secret name' },
	domains: { items: 1_000, plural: 'allowed domains' },
	domain: { chars: 255, what: 'An allowed domain' },
	// Markdown: its text becomes elements (a list item a line), so it is held to what an
	// agent's closing message needs.
	summary: { chars: 50_000, what: 'The summary' },
	// Room left under the inflated cap for the rest of the task.
	patch: { chars: MAX_INFLATED_BYTES - 512 * 1024, what: 'The patch' },
	logExcerpt: { chars: 100_000, what: 'The log excerpt' },
	model: { chars: 256, what: 'The model name' },
	networkAudit: { items: 2_000, plural: 'network audit entries' },
	auditMethod: { chars: 32, what: 'An audited request method' },
	auditUrl: { chars: 8_192, what: 'An audited URL' },
	auditReason: { chars: 2_000, what: 'An audit reason' }
} as const satisfies Record<string, ListCap | TextCap>;
