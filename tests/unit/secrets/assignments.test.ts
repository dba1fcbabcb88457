import { describe, expect, it } from 'vitest';
import { scanForSecrets, type SecretHit } from '../../../src/lib/core/secrets/index.ts';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import { assignmentForms, urlForms } from './code-lines.ts';

// Built from pieces so that this file holds no secret-shaped string of its own.
const value = ['Zq8vN3xL', '0pW5tR2y', 'K7mB4cH9'].join('');
const hit = (kind: SecretHit['kind'], excerpt: string, path = ''): SecretHit => ({
	path,
	line: 1,
	kind,
	excerpt
});
const file = (path: string, text: string): FileChange => ({
	path,
	before: null,
	after: new TextEncoder().encode(text)
});

describe('generic assignments: a random value under a secret name, per language', () => {
	for (const form of assignmentForms) {
		it(form.language, () => {
			const line = form.line(value);
			expect(scanForSecrets(line)).toEqual([
				hit('high-entropy', line.trim().replace(value, '[secret]'))
			]);
		});
	}

	it('TypeScript and Python annotations between the name and the value', () => {
		expect(
			[`const apiKey: string = '${value}';`, `API_TOKEN: str = "${value}"`].map(
				(line) => scanForSecrets(line)[0]?.kind
			)
		).toEqual(['high-entropy', 'high-entropy']);
	});

	it('a chosen password: shorter, but three kinds of character', () => {
		expect(
			[
				"$db_password = 'Tr0ub4dor&3x';",
				'DB_PASSWORD=Tr0ub4dor!x9Q',
				'jdbc:postgresql://db/app?user=app&password=S3cret!Pw9&ssl=true'
			].map((line) => scanForSecrets(line))
		).toEqual([
			[hit('high-entropy', "$db_password = '[secret]';")],
			[hit('high-entropy', 'DB_PASSWORD=[secret]')],
			[hit('high-entropy', 'jdbc:postgresql://db/app?user=app&password=[secret]&ssl=true')]
		]);
	});
});

describe('generic assignments: stand-ins stay quiet in every form', () => {
	const standIns = [
		'xxxxxxxxxxxxxxxxxxxxxxxx',
		'XXXXXXXXXXXXXXXXXXXXXXXX',
		'<your-token>',
		'${API_TOKEN}',
		'{{ vault_api_token }}',
		'changeme',
		'process.env.API_TOKEN',
		'%(api_token)s',
		'your-api-key-goes-here-1234',
		// A UUID, and hex SHA-1, SHA-256 and MD5 digests.
		'0f8fad5b-d9cb-469f-a165-70867728950e',
		'e83c5163316f89bfbde7d9ab23ca2e25604af290',
		'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
		'd41d8cd98f00b204e9800998ecf8427e',
		// An npm integrity string.
		`sha512-${'z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg'}==`
	];
	const tokenForms = assignmentForms.filter((form) => /token|Token|TOKEN/.test(form.line('')));
	for (const form of assignmentForms) {
		it(form.language, () => {
			const lines = standIns
				.filter((standIn) => !/^[0-9a-f]+$/.test(standIn) || tokenForms.includes(form))
				.map(form.line);
			expect(lines.filter((line) => scanForSecrets(line).length > 0)).toEqual([]);
		});
	}

	const quiet = [
		[
			'a UUID under a name ending in Token',
			'const csrfToken = "0f8fad5b-d9cb-469f-a165-70867728950e";'
		],
		['a hex nonce under a token name', 'sessionToken = "d41d8cd98f00b204e9800998ecf8427e"'],
		[
			'a hash named as one',
			'passwordHash: "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"'
		],
		['a type reference', 'type OpeningBracketToken = OpeningBracketToken$1;'],
		[
			'a list of words after a quoted name',
			`["completion_tokens_details", "prompt_tokens_details"]`
		],
		['a URN', "const TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';"],
		['minified code', 'this._tokenizeIcu=r.tokenizeExpansionForms||!1,this._x=1'],
		['an expression', 't.tokenValue=i&15?o:i&32?parseFloat(t.source)'],
		['a path', '"PWD": "/Users/someone/projects/app2"'],
		['a non-ASCII message', '"token_here_1007": "分析器预期在此处找到与标记匹配的值。"'],
		['a GitHub-shaped token whose checksum fails', `GITHUB_TOKEN=ghp_${value}aB3dE5fG7hJ9`],
		['a Go environment lookup', 'apiKey := os.Getenv("API_KEY_FOR_SERVICE_2")'],
		['a comparison', `if (token === "${value}") {`],
		[
			'a Bearer header from a variable',
			'curl -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com'
		],
		['a Bearer placeholder', 'Authorization: Bearer <your-access-token>'],
		['Bearer as a word', 'The server answers 401 unless a Bearer AuthenticationSchemeHandler runs.']
	] as const;
	for (const [name, line] of quiet) {
		it(name, () => expect(scanForSecrets(line)).toEqual([]));
	}

	it('lock files: only token shapes, so integrity strings and hashes stay quiet', () => {
		const lock = [
			'"node_modules/js-tokens": {',
			`  "integrity": "sha512-${'Nj5BBSYHYhUxxLS9sc3gk3zv0vX3jNa4qovOXSr3iqcwzN8M6N0/5hZoA7Q3h1ER/dxJQ6gC8FYb4GZwDt7vJw'}==",`,
			`  "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",`,
			`  "token": "${value}"`
		].join('\n');
		expect(
			['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'].flatMap((path) =>
				scanForSecrets([file(path, lock)])
			)
		).toEqual([]);
		expect(scanForSecrets([file('config.json', lock)])).toEqual([
			{ ...hit('high-entropy', '"token": "[secret]"', 'config.json'), line: 4 }
		]);
	});
});

describe('passwords inside connection URLs', () => {
	it('finds the password, and only the password, in every scheme', () => {
		for (const form of urlForms) {
			const line = form(value);
			expect(scanForSecrets(line)).toEqual([
				hit('url-password', line.trim().replace(value, '[secret]'))
			]);
		}
	});

	it('keeps documentation and local stand-ins quiet', () => {
		const quiet = [
			'postgres://user:password@localhost:5432/app',
			'postgres://postgres:postgres@db/app',
			'amqp://guest:guest@localhost:5672',
			'mysql://root:root@127.0.0.1/test',
			'redis://:${REDIS_PASSWORD}@cache:6379',
			'https://user:pass@example.com/private',
			`mongodb+srv://admin:${value}@cluster.example.com/db`,
			'https://x-access-token:<token>@github.com/o/r.git',
			'https://joe:shmoe@other.net:5678/blam',
			'http://localhost:8080/path',
			'git@github.com:owner/repo.git'
		];
		expect(quiet.filter((line) => scanForSecrets(line).length > 0)).toEqual([]);
	});
});
