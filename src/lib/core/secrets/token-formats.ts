// The token formats providers publish, as data: one entry per kind of credential, each with the
// shape as documented, where it is documented, a regex written from that shape, and the extra
// check the format allows (a checksum, a JWT header) or, without one, that the random part looks
// generated. Every pattern starts with a look-behind that refuses a token character before it, so
// inside a long run of such characters only the run's start is tried: the scan stays linear.
import type { SecretKind } from './finding.ts';
import { hasBase62Checksum, isSignedJwt, isWordy, looksGenerated } from './token-checks.ts';

export type TokenFormat = {
	id: SecretKind;
	provider: string;
	description: string;
	/** The shape in the provider's own terms. */
	shape: string;
	/** Where the shape is published. */
	source: string;
	/** Lower-case strings of which a line must hold one before the regex runs (a cheap filter). */
	keywords: readonly string[];
	/**
	 * Global regex. A `value` group marks the secret when the match holds more (a name); a `body`
	 * group marks the random part that `check` reads (the whole value without one).
	 */
	pattern: RegExp;
	/** The format's own validation; defaults to `looksGenerated(body)`. */
	check?: (value: string, body: string) => boolean;
};

/** No token character before: a longer identifier that merely contains a prefix is no token. */
const L = '(?<![A-Za-z0-9_+-])';
/** No token character (nor base64's `/` and `=`) after: the match is the whole token. */
const R = '(?![A-Za-z0-9_+/=-])';
const re = (source: string, flags = 'dg') => new RegExp(`${L}${source}${R}`, flags);

/** Random keys mix upper case, lower case and digits; kebab-case names after `sk-` do not. */
const mixedCase = (body: string): boolean =>
	/[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body) && looksGenerated(body);

export const tokenFormats: readonly TokenFormat[] = [
	{
		id: 'github-token',
		provider: 'GitHub',
		description:
			'Personal access (classic), OAuth, user-to-server, server-to-server and refresh tokens',
		shape:
			'ghp_/gho_/ghu_/ghs_/ghr_, 30 random base62 characters, a 6-character base62 CRC-32 of them',
		source: 'github.blog 2021-04-05 "Behind GitHub\'s new authentication token formats"',
		keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
		pattern: re('gh[pousr]_(?<body>[A-Za-z0-9]{36,251})'),
		check: (_value, body) => hasBase62Checksum(body)
	},
	{
		id: 'github-fine-grained-token',
		provider: 'GitHub',
		description: 'Fine-grained personal access token',
		shape: 'github_pat_, 22 base62 characters, _, 59 base62 characters',
		source: 'docs.github.com "Managing your personal access tokens"; GitHub changelog 2022-10-18',
		keywords: ['github_pat_'],
		pattern: re('github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59,221})')
	},
	{
		id: 'gitlab-token',
		provider: 'GitLab',
		description: 'Personal, project and group access tokens',
		shape:
			'glpat-, 20 characters of [A-Za-z0-9_-]; newer tokens longer, with a .NN.xxxxxxxxx routing suffix',
		source: 'docs.gitlab.com security/tokens "Token prefixes"; gitlab-org/gitlab#342327',
		keywords: ['glpat-'],
		pattern: re('glpat-(?<body>[A-Za-z0-9_-]{20,64})(?:\\.[0-9]{1,3}\\.[A-Za-z0-9]{6,12})?')
	},
	{
		id: 'gitlab-service-token',
		provider: 'GitLab',
		description:
			'Deploy, runner, CI/CD job, trigger, feed, incoming mail, agent, OAuth app, SCIM and feature-flag tokens',
		shape:
			'gldt-/glrt-/glcbt-/glptt-/glft-/glimt-/glagent-/gloas-/glsoat-/glffct- then 20+ characters; runner registration GR1348941 then 20',
		source: 'docs.gitlab.com security/tokens "Token prefixes"',
		keywords: [
			'gldt-',
			'glrt-',
			'glcbt-',
			'glptt-',
			'glft-',
			'glimt-',
			'glagent-',
			'gloas-',
			'glsoat-',
			'glffct-',
			'gr1348941'
		],
		pattern: re(
			'(?:gl(?:dt|rt|cbt|ptt|ft|imt|agent|oas|soat|ffct)-|GR1348941)(?<body>[A-Za-z0-9_-]{20,80})'
		)
	},
	{
		id: 'slack-token',
		provider: 'Slack',
		description: 'Bot, user, workspace, refresh, configuration and app-level tokens',
		shape:
			'xoxb-/xoxp-/xoxa-/xoxe-/xoxr-/xoxs-/xoxe.xoxp- then dash-separated numeric ids and a random part; xapp-1-<app id>-<digits>-<64 hex>',
		source: 'docs.slack.dev/authentication/tokens "Token types"',
		keywords: ['xox', 'xapp-'],
		pattern: re(
			'(?:xox(?:[abeoprs]|e\\.xox[bp])-(?:[0-9A-Z]{1,16}-){1,4}|xapp-[0-9]-[A-Z0-9]{8,16}-[0-9]{8,16}-)(?<body>[A-Za-z0-9]{20,250})'
		)
	},
	{
		id: 'slack-webhook',
		provider: 'Slack',
		description: 'Incoming webhook and workflow trigger URL',
		shape:
			'https://hooks.slack.com/services/T<team>/B<id>/<24 random characters> (also /workflows/, /triggers/)',
		source: 'docs.slack.dev "Sending messages using incoming webhooks"',
		keywords: ['hooks.slack.com'],
		pattern: new RegExp(
			'(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/(?:[A-Z0-9]{6,16}/){1,2}(?<body>[A-Za-z0-9]{20,40})(?![A-Za-z0-9])',
			'dg'
		)
	},
	{
		id: 'discord-webhook',
		provider: 'Discord',
		description: 'Webhook URL (anyone holding it can post as the webhook)',
		shape:
			'https://discord.com/api/webhooks/<17–20 digit id>/<68-character token of [A-Za-z0-9_-]>',
		source: 'discord.com/developers/docs/resources/webhook "Execute Webhook"',
		keywords: ['/api/webhooks/'],
		pattern: new RegExp(
			'(?:https?://)?(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/(?:v\\d{1,2}/)?webhooks/[0-9]{17,20}/(?<body>[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])',
			'dg'
		)
	},
	{
		id: 'telegram-bot-token',
		provider: 'Telegram',
		description: 'Bot API token issued by @BotFather',
		shape: '<bot id, 8–10 digits>:<35 characters of [A-Za-z0-9_-], in practice starting AA>',
		source:
			'core.telegram.org/bots/features#botfather, core.telegram.org/bots/api "Authorizing your bot"',
		keywords: [':aa'],
		pattern: re('[0-9]{8,10}:(?<body>AA[A-Za-z0-9_-]{33})')
	},
	{
		id: 'stripe-live-key',
		provider: 'Stripe',
		description:
			'Live secret and restricted API keys (test keys move no money and are not flagged)',
		shape: 'sk_live_ or rk_live_ then 10–128+ base62 characters',
		source: 'docs.stripe.com/keys; Stripe security team in gitlab-org/gitlab#458019',
		keywords: ['_live_'],
		pattern: re('[sr]k_live_(?<body>[A-Za-z0-9]{10,247})')
	},
	{
		id: 'google-api-key',
		provider: 'Google',
		description: 'Google Cloud / Maps / Firebase API key',
		shape: 'AIza then 35 characters of [A-Za-z0-9_-] (39 in all)',
		source: 'cloud.google.com/docs/authentication/api-keys',
		keywords: ['aiza'],
		pattern: re('AIza(?<body>[A-Za-z0-9_-]{35})', 'dg')
	},
	{
		id: 'google-oauth-secret',
		provider: 'Google',
		description: 'OAuth client secret',
		shape: 'GOCSPX- then 28 characters of [A-Za-z0-9_-]',
		source: 'Google Cloud "OAuth client secret format" (2021 change)',
		keywords: ['gocspx-'],
		pattern: re('GOCSPX-(?<body>[A-Za-z0-9_-]{28})')
	},
	{
		id: 'sendgrid-key',
		provider: 'Twilio SendGrid',
		description: 'API key',
		shape: 'SG. then 22 characters, a dot, 43 characters (69 in all)',
		source: 'twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
		keywords: ['sg.'],
		pattern: re('SG\\.(?<body>[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})')
	},
	{
		id: 'twilio-api-key',
		provider: 'Twilio',
		description: 'API key SID (the key half of a key/secret pair)',
		shape: 'SK then 32 hexadecimal digits (34 in all)',
		source: 'twilio.com/docs/glossary/what-is-a-sid; API keys overview',
		keywords: ['sk'],
		pattern: re('SK(?<body>[0-9a-f]{32})')
	},
	{
		id: 'twilio-auth-token',
		provider: 'Twilio',
		description: 'Account auth token, assigned to a Twilio-named setting',
		shape: '32 hexadecimal digits, no prefix: found by the name it is given',
		source: 'twilio.com/docs/iam/api/authtoken',
		keywords: ['twilio'],
		pattern: new RegExp(
			'twilio[\\w.-]{0,30}(?:token|secret)[\\w.-]{0,10}["\'`]?[ \\t]{0,16}(?::=|=>|:|=|,)[ \\t]{0,16}["\'`]?(?<value>[0-9a-f]{32})(?![0-9a-zA-Z])',
			'dgi'
		)
	},
	{
		id: 'npm-token',
		provider: 'npm',
		description: 'Access token (granular, automation, publish)',
		shape: 'npm_, 30 random base62 characters, a 6-character base62 CRC-32 of them',
		source: 'github.blog/changelog 2021-09-23 "npm has a new access token format"',
		keywords: ['npm_'],
		pattern: re('npm_(?<body>[A-Za-z0-9]{36})'),
		check: (_value, body) => hasBase62Checksum(body)
	},
	{
		id: 'pypi-token',
		provider: 'PyPI',
		description: 'API token (a macaroon) for pypi.org or test.pypi.org',
		shape:
			'pypi- then a base64url macaroon, which begins AgE (version 2, location field) — 100+ characters',
		source: 'pypi.org/help/#apitoken; Warehouse macaroon docs',
		keywords: ['pypi-age'],
		pattern: re('pypi-(?<body>AgE[A-Za-z0-9_-]{70,600})')
	},
	{
		id: 'openai-key',
		provider: 'OpenAI',
		description: 'API key: project, service account, admin, or legacy user key',
		shape: 'sk-proj-/sk-svcacct-/sk-admin- or sk- then 40–200 characters of [A-Za-z0-9_-]',
		source: 'platform.openai.com/docs/api-reference/authentication',
		keywords: ['sk-'],
		pattern: re('sk-(?!ant-)(?:proj-|svcacct-|admin-)?(?<body>[A-Za-z0-9_-]{20,250})'),
		check: (_value, body) => mixedCase(body)
	},
	{
		id: 'anthropic-key',
		provider: 'Anthropic',
		description: 'API and admin keys',
		shape: 'sk-ant-api03-/sk-ant-admin01- then ~95 characters of [A-Za-z0-9_-]',
		source: 'docs.anthropic.com/en/api/overview "Authentication"',
		keywords: ['sk-ant-'],
		pattern: re('sk-ant-(?<body>[A-Za-z0-9_-]{32,300})'),
		check: (_value, body) => mixedCase(body)
	},
	{
		id: 'huggingface-token',
		provider: 'Hugging Face',
		description: 'User access token',
		shape: 'hf_ then 34 letters',
		source: 'huggingface.co/docs/hub/security-tokens',
		keywords: ['hf_'],
		pattern: re('hf_(?<body>[A-Za-z]{34})')
	},
	{
		id: 'shopify-token',
		provider: 'Shopify',
		description: 'Admin API access token, custom/private app token, shared secret',
		shape: 'shpat_/shpca_/shppa_/shpss_ then 32 hexadecimal digits',
		source: 'shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
		keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
		pattern: re('shp(?:at|ca|pa|ss)_(?<body>[a-fA-F0-9]{32})')
	},
	{
		id: 'digitalocean-token',
		provider: 'DigitalOcean',
		description: 'Personal access, OAuth and refresh tokens',
		shape: 'dop_v1_/doo_v1_/dor_v1_ then 64 hexadecimal digits',
		source: 'docs.digitalocean.com/reference/api/create-personal-access-token',
		keywords: ['_v1_'],
		pattern: re('do[opr]_v1_(?<body>[a-f0-9]{64})')
	},
	{
		id: 'aws-access-key',
		provider: 'AWS',
		description: 'Access key ID (long-term AKIA, temporary ASIA)',
		shape: 'AKIA/ASIA/ABIA/ACCA then 16 upper-case letters and digits',
		source: 'docs.aws.amazon.com IAM "Unique identifiers" (prefixes table)',
		keywords: ['akia', 'asia', 'abia', 'acca'],
		pattern: re('(?:AKIA|ASIA|ABIA|ACCA)(?<body>[A-Z0-9]{16})', 'dg'),
		// `ASIAPACIFICSOUTHEAST` is a constant; a key id without digits is rarely made of words.
		check: (_value, body) => looksGenerated(body) && (/[0-9]/.test(body) || !isWordy(body))
	},
	{
		id: 'aws-secret-key',
		provider: 'AWS',
		description: 'Secret access key, assigned to an aws_secret_access_key-style name',
		shape: '40 base64 characters, no prefix: found by the name it is given',
		source: 'docs.aws.amazon.com cli "Configuration and credential file settings"',
		keywords: ['secret'],
		pattern: new RegExp(
			'aws_?secret_?(?:access_?)?key["\'`]?[ \\t]{0,16}(?::=|=>|:|=)[ \\t]{0,16}["\'`]?(?<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])',
			'dgi'
		)
	},
	{
		id: 'azure-storage-key',
		provider: 'Microsoft Azure',
		description: 'Storage account key or Service Bus / Event Hubs shared access key',
		shape:
			'AccountKey=<88 base64 characters ending ==> or SharedAccessKey=<44 base64 characters> in a connection string',
		source:
			'learn.microsoft.com azure/storage/common/storage-configure-connection-string; Service Bus "SAS authentication"',
		keywords: ['accountkey', 'account_key', 'account-key', 'sharedaccesskey'],
		pattern: new RegExp(
			'(?:account[_-]?key|sharedaccesskey)["\'`]?[ \\t]{0,16}[=:][ \\t]{0,16}["\'`]?(?<value>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])',
			'dgi'
		)
	},
	{
		id: 'jwt',
		provider: 'JSON Web Token',
		description: 'A signed JWT (a session or API bearer token)',
		shape: 'base64url(JSON header with alg).base64url(JSON claims).base64url(signature)',
		source: 'RFC 7519 §3, RFC 7515 §7.1',
		keywords: ['eyj'],
		pattern: re('eyJ[A-Za-z0-9_-]{8,2000}\\.[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{16,2000}'),
		check: (value) => isSignedJwt(value)
	}
];
