/** What a secret scan hit looks like: a known token shape, a private key, a random-looking
 * value assigned to a secret-sounding name, or one of the environment's own secret values. */
export type SecretKind =
	| 'github-token'
	| 'openai-key'
	| 'anthropic-key'
	| 'aws-access-key'
	| 'aws-secret-key'
	| 'private-key'
	| 'high-entropy'
	| 'known-secret';

/**
 * Where on one line a rule found a secret: the characters [start, end). `mask: false` marks a
 * span that is no secret itself (a PEM header line) but still names the hit.
 */
export type Finding = { kind: SecretKind; start: number; end: number; mask: boolean };

/** A rule reads one line; `lines` and `index` let it look at the lines that follow. */
export type LineRule = (line: string, index: number, lines: readonly string[]) => Finding[];
