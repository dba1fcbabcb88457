// Token formats of payment, cloud and AI services, and signed JWTs, written from each
// provider's documentation (one entry per kind of credential).
import { bounded, mixedCase, type TokenFormat } from './token-format.ts';
import { isSignedJwt, isWordy, looksGenerated } from './token-checks.ts';

export const serviceFormats: readonly TokenFormat[] = [
	{
		id: 'stripe-live-key',
		provider: 'Stripe',
		description:
			'Live secret and restricted API keys (test keys move no money and are not flagged)',
		shape: 'sk_live_ or rk_live_ then 10–128+ base62 characters',
		source: 'docs.stripe.com/keys; Stripe security team in gitlab-org/gitlab#458019',
		keywords: ['_live_'],
		pattern: bounded('[sr]k_live_(?<body>[A-Za-z0-9]{10,247})')
	},
	{
		id: 'google-api-key',
		provider: 'Google',
		description: 'Google Cloud / Maps / Firebase API key',
		shape: 'AIza then 35 characters of [A-Za-z0-9_-] (39 in all)',
		source: 'cloud.google.com/docs/authentication/api-keys',
		keywords: ['aiza'],
		pattern: bounded('AIza(?<body>[A-Za-z0-9_-]{35})', 'dg')
	},
	{
		id: 'google-oauth-secret',
		provider: 'Google',
		description: 'OAuth client secret',
		shape: 'GOCSPX- then 28 characters of [A-Za-z0-9_-]',
		source: 'Google Cloud "OAuth client secret format" (2021 change)',
		keywords: ['gocspx-'],
		pattern: bounded('GOCSPX-(?<body>[A-Za-z0-9_-]{28})')
	},
	{
		id: 'sendgrid-key',
		provider: 'Twilio SendGrid',
		description: 'API key',
		shape: 'SG. then 22 characters, a dot, 43 characters (69 in all)',
		source: 'twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
		keywords: ['sg.'],
		pattern: bounded('SG\\.(?<body>[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})')
	},
	{
		id: 'twilio-api-key',
		provider: 'Twilio',
		description: 'API key SID (the key half of a key/secret pair)',
		shape: 'SK then 32 hexadecimal digits (34 in all)',
		source: 'twilio.com/docs/glossary/what-is-a-sid; API keys overview',
		keywords: ['sk'],
		pattern: bounded('SK(?<body>[0-9a-f]{32})')
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
		id: 'openai-key',
		provider: 'OpenAI',
		description: 'API key: project, service account, admin, or legacy user key',
		shape: 'sk-proj-/sk-svcacct-/sk-admin- or sk- then 40–200 characters of [A-Za-z0-9_-]',
		source: 'platform.openai.com/docs/api-reference/authentication',
		keywords: ['sk-'],
		pattern: bounded('sk-(?!ant-)(?:proj-|svcacct-|admin-)?(?<body>[A-Za-z0-9_-]{20,250})'),
		check: (_value, body) => mixedCase(body)
	},
	{
		id: 'anthropic-key',
		provider: 'Anthropic',
		description: 'API and admin keys',
		shape: 'sk-ant-api03-/sk-ant-admin01- then ~95 characters of [A-Za-z0-9_-]',
		source: 'docs.anthropic.com/en/api/overview "Authentication"',
		keywords: ['sk-ant-'],
		pattern: bounded('sk-ant-(?<body>[A-Za-z0-9_-]{32,300})'),
		check: (_value, body) => mixedCase(body)
	},
	{
		id: 'huggingface-token',
		provider: 'Hugging Face',
		description: 'User access token',
		shape: 'hf_ then 34 letters',
		source: 'huggingface.co/docs/hub/security-tokens',
		keywords: ['hf_'],
		pattern: bounded('hf_(?<body>[A-Za-z]{34})')
	},
	{
		id: 'shopify-token',
		provider: 'Shopify',
		description: 'Admin API access token, custom/private app token, shared secret',
		shape: 'shpat_/shpca_/shppa_/shpss_ then 32 hexadecimal digits',
		source: 'shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
		keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
		pattern: bounded('shp(?:at|ca|pa|ss)_(?<body>[a-fA-F0-9]{32})')
	},
	{
		id: 'digitalocean-token',
		provider: 'DigitalOcean',
		description: 'Personal access, OAuth and refresh tokens',
		shape: 'dop_v1_/doo_v1_/dor_v1_ then 64 hexadecimal digits',
		source: 'docs.digitalocean.com/reference/api/create-personal-access-token',
		keywords: ['_v1_'],
		pattern: bounded('do[opr]_v1_(?<body>[a-f0-9]{64})')
	},
	{
		id: 'aws-access-key',
		provider: 'AWS',
		description: 'Access key ID (long-term AKIA, temporary ASIA)',
		shape: 'AKIA/ASIA/ABIA/ACCA then 16 upper-case letters and digits',
		source: 'docs.aws.amazon.com IAM "Unique identifiers" (prefixes table)',
		keywords: ['akia', 'asia', 'abia', 'acca'],
		pattern: bounded('(?:AKIA|ASIA|ABIA|ACCA)(?<body>[A-Z0-9]{16})', 'dg'),
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
		pattern: bounded('eyJ[A-Za-z0-9_-]{8,2000}\\.[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{16,2000}'),
		check: (value) => isSignedJwt(value)
	}
];
