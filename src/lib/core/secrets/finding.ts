/** What a secret scan hit looks like: a provider's published token shape (one kind per entry in
 * `token-formats.ts`), a private key, a password in a URL, a random-looking value assigned to a
 * secret-sounding name, or one of the environment's own secret values. */
export type SecretKind =
	| 'github-token'
	| 'github-fine-grained-token'
	| 'gitlab-token'
	| 'gitlab-service-token'
	| 'slack-token'
	| 'slack-webhook'
	| 'discord-webhook'
	| 'telegram-bot-token'
	| 'stripe-live-key'
	| 'google-api-key'
	| 'google-oauth-secret'
	| 'sendgrid-key'
	| 'twilio-api-key'
	| 'twilio-auth-token'
	| 'npm-token'
	| 'pypi-token'
	| 'openai-key'
	| 'anthropic-key'
	| 'huggingface-token'
	| 'shopify-token'
	| 'digitalocean-token'
	| 'aws-access-key'
	| 'aws-secret-key'
	| 'azure-storage-key'
	| 'jwt'
	| 'private-key'
	| 'url-password'
	| 'high-entropy'
	| 'known-secret';

/**
 * Where on one line a rule found a secret: the characters [start, end). `mask: false` marks a
 * span that is no secret itself (a PEM header line) but still names the hit.
 */
export type Finding = { kind: SecretKind; start: number; end: number; mask: boolean };

/** A rule reads one line; `lines` and `index` let it look at the lines that follow. */
export type LineRule = (line: string, index: number, lines: readonly string[]) => Finding[];
