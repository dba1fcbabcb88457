import { describe, expect, it } from 'vitest';
import {
	scanForSecrets,
	shannonEntropy,
	type SecretHit
} from '../../../src/lib/core/secrets/index.ts';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import { base62, crc32 } from '../../../src/lib/core/secrets/token-checks.ts';

// Fake secrets are assembled at run time so this file itself holds no token-shaped string that
// a host's push protection (or our own scan) would flag.
const alnum = (length: number, seed = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY') =>
	seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
/** GitHub's format: 30 random base62 characters, then their CRC-32 as 6 base62 digits. */
const checksummed = (prefix: string, body: string) => `${prefix}${body}${base62(crc32(body), 6)}`;
const ghp = checksummed('ghp_', alnum(30));
const gho = checksummed('gho_', alnum(30, 'Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe'));
const pat = `github_pat_${alnum(22)}_${alnum(59, 'Qw3Er4Ty5Ui6Op7As8Df9Gh0Jk1Lz2Xc')}`;
const openaiLegacy = `sk-${alnum(48)}`;
const openaiProject = `sk-proj-${alnum(40)}-${alnum(30, 'T3BlbkFJ9x8Y7z6W5v4U3t2S1r0Q')}`;
const anthropic = `sk-ant-api03-${alnum(60)}`;
const akia = `AKIA${'Q7W2E4R6T8Y1U3I5'}`;
const asia = `ASIA${'Z9X8C7V6B5N4M3L2'}`;
const awsSecret = alnum(40, 'wJa1rXUtn/FEMIK7MDE+NGbPxRfiCYz');
const pemBody = alnum(64, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
const pemHeader = '-----BEGIN ' + 'RSA PRIVATE KEY-----';
const highEntropy = 'Zq8vN3xL0pW5tR2yK7mB4cH9';

const text = (value: string) => new TextEncoder().encode(value);
const added = (path: string, after: string, before: string | null = null): FileChange => ({
	path,
	before: before === null ? null : text(before),
	after: text(after)
});
const hit = (kind: SecretHit['kind'], excerpt: string, line = 1, path = 'f.txt'): SecretHit => ({
	path,
	line,
	kind,
	excerpt
});

describe('scanForSecrets: true positives', () => {
	const cases: { name: string; line: string; known?: string[]; expected: SecretHit[] }[] = [
		{
			name: 'classic GitHub token',
			line: `const token = '${ghp}';`,
			expected: [hit('github-token', "const token = '[secret]';")]
		},
		{
			name: 'GitHub OAuth token in a URL',
			line: `curl -H "Authorization: token ${gho}" x`,
			expected: [hit('github-token', 'curl -H "Authorization: token [secret]" x')]
		},
		{
			name: 'fine-grained GitHub token',
			line: `GH=${pat}`,
			expected: [hit('github-fine-grained-token', 'GH=[secret]')]
		},
		{
			name: 'legacy OpenAI key',
			line: `openai.api_key = "${openaiLegacy}"`,
			expected: [hit('openai-key', 'openai.api_key = "[secret]"')]
		},
		{
			name: 'OpenAI project key',
			line: `OPENAI_API_KEY=${openaiProject}`,
			expected: [hit('openai-key', 'OPENAI_API_KEY=[secret]')]
		},
		{
			name: 'Anthropic key',
			line: `key: ${anthropic}`,
			expected: [hit('anthropic-key', 'key: [secret]')]
		},
		{
			name: 'AWS access key ids, two on a line',
			line: `ids = ["${akia}", "${asia}"]`,
			expected: [
				hit('aws-access-key', 'ids = ["[secret]", "[secret]"]'),
				hit('aws-access-key', 'ids = ["[secret]", "[secret]"]')
			]
		},
		{
			name: 'AWS secret in a credentials file',
			line: `aws_secret_access_key = ${awsSecret}`,
			expected: [hit('aws-secret-key', 'aws_secret_access_key = [secret]')]
		},
		{
			name: 'PEM key inside a JSON string',
			line: `  "private_key": "${pemHeader}\\n${pemBody}\\n",`,
			expected: [hit('private-key', `"private_key": "${pemHeader}[secret]`)]
		},
		{
			name: 'random value assigned to SECRET',
			line: `SECRET = "${highEntropy}"`,
			expected: [hit('high-entropy', 'SECRET = "[secret]"')]
		},
		{
			name: "random value in a token: '…' property",
			line: `\ttoken: '${highEntropy}',`,
			expected: [hit('high-entropy', "token: '[secret]',")]
		},
		{
			name: 'unquoted password= in a .env line',
			line: `DB_PASSWORD=${highEntropy}`,
			expected: [hit('high-entropy', 'DB_PASSWORD=[secret]')]
		},
		{
			name: "the environment's own secret value",
			line: 'registry auth: hunter2-but-longer',
			expected: [hit('known-secret', 'registry auth: [secret]')]
		},
		{
			name: 'a known secret that is also a token shape is reported once, as known',
			line: `export GITHUB_TOKEN="${ghp}"`,
			known: [ghp],
			expected: [hit('known-secret', 'export GITHUB_TOKEN="[secret]"')]
		}
	];
	for (const { name, line, known = ['hunter2-but-longer'], expected } of cases) {
		it(name, () => {
			const changes = [added('f.txt', `first\n${line}\n`)];
			expect(scanForSecrets(changes, { knownSecrets: known })).toEqual(
				expected.map((each) => ({ ...each, line: 2 }))
			);
		});
	}

	it('finds a PEM block whose key material follows on the next lines', () => {
		const file = `${pemHeader}\nProc-Type: 4,ENCRYPTED\n\n${pemBody}\n-----END RSA PRIVATE KEY-----\n`;
		expect(scanForSecrets([added('id_rsa', file)])).toEqual([
			hit('private-key', pemHeader, 1, 'id_rsa')
		]);
	});

	it('cuts a long line to a window around the secret', () => {
		const line = `${'x'.repeat(300)} key=${ghp} ${'y'.repeat(300)}`;
		const [found] = scanForSecrets([added('min.js', line)]);
		expect(found).toEqual(
			hit('github-token', `…${'x'.repeat(35)} key=[secret] ${'y'.repeat(111)}…`, 1, 'min.js')
		);
	});

	it('scans free text line by line', () => {
		expect(scanForSecrets(`summary\nused ${ghp} to test`)).toEqual([
			hit('github-token', 'used [secret] to test', 2, '')
		]);
	});
});

describe('scanForSecrets: false positives avoided', () => {
	const cases: { name: string; path?: string; line: string }[] = [
		{ name: 'a token prefix with too few characters', line: `x = 'ghp_${alnum(20)}'` },
		{ name: 'a token shape inside a longer word', line: `id = xghp_${alnum(36)}` },
		{ name: "AWS's documentation key", line: 'key = AKIAIOSFODNN7EXAMPLE' },
		{
			name: 'an npm integrity hash',
			path: 'package-lock.json',
			line: `"integrity": "sha512-${alnum(86)}=="`
		},
		{
			name: 'a token-named entry in a lock file',
			path: 'package-lock.json',
			line: `"node_modules/js-tokens": "${highEntropy}"`
		},
		{ name: 'a sha512- value anywhere', line: `token = "sha512-${alnum(40)}"` },
		{ name: 'a git commit id under a neutral name', line: `sha: "${'e83c5163316f89bfbde7d9ab'}"` },
		{ name: 'a PEM header constant with no key', line: `const HEADER = '${pemHeader}';` },
		{ name: 'an environment lookup', line: 'token: process.env.GITHUB_TOKEN1234567' },
		{ name: 'a CI secret reference', line: 'token: ${{ secrets.GITHUB_TOKEN }}' },
		{ name: 'a placeholder', line: 'API_KEY="your-api-key-goes-here-1234"' },
		{ name: 'a function call', line: 'const token = compute(secretValue1234567);' },
		{ name: 'a type annotation', line: '\taccessToken: GitHubAccessTokenResponse' },
		{ name: 'a comparison', line: `if (token === "${highEntropy}") {` },
		{ name: 'a kebab-case name after sk-', line: 'import "sk-learn-documentation-page";' },
		{ name: 'a lower-case passphrase-like word', line: 'password = "correcthorsebatterystaple"' },
		{ name: 'a low-entropy value', line: 'SECRET = "aaaaaaaaaaAAAAAAAAAA1111"' },
		{ name: 'a known secret shorter than the masking minimum', line: 'on = abc' }
	];
	for (const { name, path = 'f.txt', line } of cases) {
		it(name, () => {
			expect(scanForSecrets([added(path, `${line}\n`)], { knownSecrets: ['abc'] })).toEqual([]);
		});
	}

	it('ignores lines the change did not add, deletions and binary files', () => {
		const old = `keep ${ghp}\n`;
		const changes: FileChange[] = [
			added('moved.txt', `new line\nkeep ${ghp}\n`, old),
			{ path: 'gone.txt', before: text(old), after: null },
			{ path: 'blob.bin', before: null, after: new Uint8Array([0, ...text(ghp)]) }
		];
		expect(scanForSecrets(changes)).toEqual([]);
	});

	it('reads CRLF files by line, and a binary old side as all new', () => {
		const changes: FileChange[] = [
			added('win.txt', `a\r\nk=${ghp}\r\n`, `a\r\n`),
			{ path: 'was-binary.txt', before: new Uint8Array([0, 1]), after: text(`k=${ghp}`) }
		];
		expect(scanForSecrets(changes)).toEqual([
			hit('github-token', 'k=[secret]', 2, 'win.txt'),
			hit('github-token', 'k=[secret]', 1, 'was-binary.txt')
		]);
	});
	it('reads a text file that is not UTF-8 (Latin-1, a stray byte) as git would diff it', () => {
		const latin1 = (value: string) => Uint8Array.from(value, (c) => c.charCodeAt(0));
		const changes: FileChange[] = [
			{ path: 'conf.ini', before: null, after: latin1(`; caf\u00e9\ntoken=${ghp}\n`) },
			{
				path: 'notes.txt',
				before: latin1('r\u00e9sum\u00e9\n'),
				after: latin1(`r\u00e9sum\u00e9\nkey \u00ff ${ghp}\n`)
			}
		];
		expect(scanForSecrets(changes)).toEqual([
			hit('github-token', 'token=[secret]', 2, 'conf.ini'),
			hit('github-token', 'key \u00ff [secret]', 2, 'notes.txt')
		]);
	});
});

describe('shannonEntropy', () => {
	it('is 0 for one repeated character and log2(n) for n equally frequent ones', () => {
		expect([shannonEntropy(''), shannonEntropy('aaaa'), shannonEntropy('abcd')]).toEqual([0, 0, 2]);
	});
});
