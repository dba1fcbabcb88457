// Token formats of code hosts, package registries and chat platforms, written from each
// provider's documentation (one entry per kind of credential).
import { bounded, type TokenFormat } from './token-format.ts';
import { hasBase62Checksum } from './token-checks.ts';

export const codeFormats: readonly TokenFormat[] = [
	{
		id: 'github-token',
		provider: 'GitHub',
		description:
			'Personal access (classic), OAuth, user-to-server, server-to-server and refresh tokens',
		shape:
			'ghp_/gho_/ghu_/ghs_/ghr_, 30 random base62 characters, a 6-character base62 CRC-32 of them',
		source: 'github.blog 2021-04-05 "Behind GitHub\'s new authentication token formats"',
		keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
		pattern: bounded('gh[pousr]_(?<body>[A-Za-z0-9]{36,251})'),
		check: (_value, body) => hasBase62Checksum(body)
	},
	{
		id: 'github-fine-grained-token',
		provider: 'GitHub',
		description: 'Fine-grained personal access token',
		shape: 'github_pat_, 22 base62 characters, _, 59 base62 characters',
		source: 'docs.github.com "Managing your personal access tokens"; GitHub changelog 2022-10-18',
		keywords: ['github_pat_'],
		pattern: bounded('github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59,221})')
	},
	{
		id: 'gitlab-token',
		provider: 'GitLab',
		description: 'Personal, project and group access tokens',
		shape:
			'glpat-, 20 characters of [A-Za-z0-9_-]; newer tokens longer, with a .NN.xxxxxxxxx routing suffix',
		source: 'docs.gitlab.com security/tokens "Token prefixes"; gitlab-org/gitlab#342327',
		keywords: ['glpat-'],
		pattern: bounded('glpat-(?<body>[A-Za-z0-9_-]{20,64})(?:\\.[0-9]{1,3}\\.[A-Za-z0-9]{6,12})?')
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
		pattern: bounded(
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
		pattern: bounded(
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
		pattern: bounded('[0-9]{8,10}:(?<body>AA[A-Za-z0-9_-]{33})')
	},
	{
		id: 'npm-token',
		provider: 'npm',
		description: 'Access token (granular, automation, publish)',
		shape: 'npm_, 30 random base62 characters, a 6-character base62 CRC-32 of them',
		source: 'github.blog/changelog 2021-09-23 "npm has a new access token format"',
		keywords: ['npm_'],
		pattern: bounded('npm_(?<body>[A-Za-z0-9]{36})'),
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
		pattern: bounded('pypi-(?<body>AgE[A-Za-z0-9_-]{70,600})')
	}
];
