// The proposer on in-memory repositories: what a person would get after pasting each of them.
import { describe, expect, it } from 'vitest';
import { proposeSetup, proposerReads, type RepoFiles } from '../../../src/lib/core/start/index.ts';

/**
 * A repository held in memory: path → text; `null` lists a file that cannot be read. Every read
 * must be one `proposerReads` declared for the listing: the paste fetches only those.
 */
function repo(files: Record<string, string | null>): RepoFiles {
	const list = Object.keys(files);
	const declared = proposerReads(list);
	return {
		list,
		read: async (path) => {
			if (!declared.includes(path)) throw new Error(`read ${path}, not in ${declared.join(', ')}`);
			return files[path] ?? null;
		}
	};
}

describe('proposerReads', () => {
	it('names the root AGENTS files and package.json present, nothing deeper, no lockfile', () => {
		const list = [
			'AGENTS.md',
			'AGENTS.override.md',
			'package.json',
			'package-lock.json',
			'pnpm-lock.yaml',
			'README.md',
			'src/AGENTS.md',
			'packages/a/package.json',
			'./go.mod'
		];
		expect(proposerReads(list)).toStrictEqual(['AGENTS.override.md', 'AGENTS.md', 'package.json']);
		expect(proposerReads(['src/index.ts', 'README.md', 'yarn.lock'])).toStrictEqual([]);
		expect(proposerReads(['AGENTS.md', 'src/a.ts'])).toStrictEqual(['AGENTS.md']);
	});
});

const pkg = (value: unknown) => JSON.stringify(value, null, '\t');
const withTest = pkg({ name: 'app', scripts: { build: 'vite build', test: 'vitest run' } });
const placeholder = pkg({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
const bunNote =
	'Bun is a native program the WebContainer cannot run; if setup fails there, use `npm install` instead.';
const noNode =
	'No package.json at the repository root, so the setup script is empty: the WebContainer runs Node.js only.';
const noLockfile = (manager: string) =>
	`No lockfile: \`${manager} install\` resolves versions afresh, so they may differ from the ones the project was tested with.`;

describe('proposeSetup: one lockfile', () => {
	const cases = [
		['package-lock.json', 'npm ci', 'npm test', 'npm', []],
		['npm-shrinkwrap.json', 'npm ci', 'npm test', 'npm', []],
		['pnpm-lock.yaml', 'pnpm install --frozen-lockfile', 'pnpm test', 'pnpm', []],
		['yarn.lock', 'yarn install --frozen-lockfile', 'yarn test', 'yarn', []],
		// `bun test` would run Bun's own runner instead of the package's script.
		['bun.lockb', 'bun install --frozen-lockfile', 'bun run test', 'bun', [bunNote]],
		['bun.lock', 'bun install --frozen-lockfile', 'bun run test', 'bun', [bunNote]]
	] as const;
	for (const [lockfile, script, testCommand, packageManager, notes] of cases) {
		it(`${lockfile} → ${script}`, async () => {
			const files = repo({ 'package.json': withTest, [lockfile]: '', 'README.md': '# app' });
			expect(await proposeSetup(files)).toStrictEqual({
				script,
				testCommand,
				notes,
				packageManager
			});
		});
	}

	it('uses Yarn 2+ flags when .yarnrc.yml is there', async () => {
		const files = repo({ 'package.json': withTest, 'yarn.lock': '', '.yarnrc.yml': '' });
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'yarn install --immutable',
			testCommand: 'yarn test',
			notes: [],
			packageManager: 'yarn'
		});
	});

	it("reads the Yarn major version from package.json's packageManager field", async () => {
		const berry = pkg({ packageManager: 'yarn@4.1.0', scripts: { test: 'jest' } });
		const classic = pkg({ packageManager: 'yarn@1.22.22', scripts: { test: 'jest' } });
		const proposals = await Promise.all([
			proposeSetup(repo({ 'package.json': berry, 'yarn.lock': '' })),
			// The field outranks .yarnrc.yml, which a Yarn 1 project may keep for other tools.
			proposeSetup(repo({ 'package.json': classic, 'yarn.lock': '', '.yarnrc.yml': '' }))
		]);
		expect(proposals.map((proposal) => proposal.script)).toStrictEqual([
			'yarn install --immutable',
			'yarn install --frozen-lockfile'
		]);
	});

	it('follows the lockfile when packageManager names another manager', async () => {
		const files = repo({
			'package.json': pkg({ packageManager: 'yarn@1.22.0' }),
			'pnpm-lock.yaml': ''
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'pnpm install --frozen-lockfile',
			testCommand: null,
			notes: [
				"package.json's packageManager field names yarn, but the lockfile is pnpm-lock.yaml; following the lockfile."
			],
			packageManager: 'pnpm'
		});
	});
});

describe('proposeSetup: several lockfiles', () => {
	it('picks by precedence: bun, pnpm, yarn, npm', async () => {
		const files = repo({
			'package.json': withTest,
			'package-lock.json': '',
			'yarn.lock': '',
			'pnpm-lock.yaml': ''
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'pnpm install --frozen-lockfile',
			testCommand: 'pnpm test',
			notes: [
				'Found pnpm-lock.yaml, yarn.lock, package-lock.json; using pnpm (precedence: bun, pnpm, yarn, npm).'
			],
			packageManager: 'pnpm'
		});
	});

	it('lets packageManager choose among the lockfiles present', async () => {
		const files = repo({
			'package.json': pkg({ packageManager: 'npm@10.8.1', scripts: { test: 'node --test' } }),
			'package-lock.json': '',
			'bun.lockb': ''
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'npm ci',
			testCommand: 'npm test',
			notes: [
				"Found bun.lockb, package-lock.json; using npm (package.json's packageManager field names npm)."
			],
			packageManager: 'npm'
		});
	});

	it('counts bun.lock and bun.lockb as one manager', async () => {
		const files = repo({ 'package.json': withTest, 'bun.lock': '', 'bun.lockb': '' });
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'bun install --frozen-lockfile',
			testCommand: 'bun run test',
			notes: [bunNote],
			packageManager: 'bun'
		});
	});
});

describe('proposeSetup: package.json without a lockfile', () => {
	it('installs with npm install', async () => {
		expect(await proposeSetup(repo({ 'package.json': withTest }))).toStrictEqual({
			script: 'npm install',
			testCommand: 'npm test',
			notes: [noLockfile('npm')],
			packageManager: 'npm'
		});
	});

	it('follows packageManager, then pnpm-workspace.yaml', async () => {
		const declared = repo({ 'package.json': pkg({ packageManager: 'bun@1.1.0' }) });
		const workspace = repo({ 'package.json': pkg({}), 'pnpm-workspace.yaml': 'packages: []' });
		expect(await Promise.all([proposeSetup(declared), proposeSetup(workspace)])).toStrictEqual([
			{
				script: 'bun install',
				testCommand: null,
				notes: [noLockfile('bun'), bunNote],
				packageManager: 'bun'
			},
			{
				script: 'pnpm install',
				testCommand: null,
				notes: [noLockfile('pnpm')],
				packageManager: 'pnpm'
			}
		]);
	});

	it('only reads files at the root', async () => {
		const files = repo({
			'./package.json': withTest,
			'packages/web/pnpm-lock.yaml': '',
			'packages/web/package.json': pkg({})
		});
		files.read = async (path) => (path === 'package.json' ? withTest : null);
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'npm install',
			testCommand: 'npm test',
			notes: [noLockfile('npm')],
			packageManager: 'npm'
		});
	});
});

describe('proposeSetup: the test command from package.json', () => {
	it("skips npm's placeholder test script", async () => {
		const files = repo({ 'package.json': placeholder, 'package-lock.json': '' });
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'npm ci',
			testCommand: null,
			notes: ["package.json's test script is npm's placeholder; it was skipped."],
			packageManager: 'npm'
		});
	});

	it('falls back to test:unit, then check', async () => {
		const unit = pkg({
			scripts: {
				test: 'echo "Error: no test specified" && exit 1',
				'test:unit': 'vitest',
				check: 'tsc'
			}
		});
		const check = pkg({ scripts: { test: '  ', check: 'svelte-check' } });
		const proposals = await Promise.all([
			proposeSetup(repo({ 'package.json': unit, 'pnpm-lock.yaml': '' })),
			proposeSetup(repo({ 'package.json': check, 'bun.lock': '' }))
		]);
		expect(proposals).toStrictEqual([
			{
				script: 'pnpm install --frozen-lockfile',
				testCommand: 'pnpm run test:unit',
				notes: [
					"package.json's test script is npm's placeholder; it was skipped.",
					'No usable test script; proposing the `test:unit` script instead.'
				],
				packageManager: 'pnpm'
			},
			{
				script: 'bun install --frozen-lockfile',
				testCommand: 'bun run check',
				notes: [bunNote, 'No usable test script; proposing the `check` script instead.'],
				packageManager: 'bun'
			}
		]);
	});

	it('ignores scripts that are not strings, and a script named __proto__', async () => {
		const odd = '{"scripts": {"test": 42, "__proto__": {"test": "evil"}, "check": "tsc"}}';
		expect(
			await proposeSetup(repo({ 'package.json': odd, 'package-lock.json': '' }))
		).toStrictEqual({
			script: 'npm ci',
			testCommand: 'npm run check',
			notes: ['No usable test script; proposing the `check` script instead.'],
			packageManager: 'npm'
		});
	});
});

describe('proposeSetup: a package.json it cannot use', () => {
	const cases = [
		[
			'{"name": "app", "scripts": {',
			'package.json is not valid JSON, so no test command came from it; the install will fail until it is fixed.'
		],
		['["not", "an", "object"]', 'package.json does not hold a JSON object; it was ignored.'],
		['null', 'package.json does not hold a JSON object; it was ignored.'],
		[null, 'package.json could not be read; no test command came from it.']
	] as const;
	for (const [text, note] of cases) {
		it(`notes ${String(text).slice(0, 20)} without failing`, async () => {
			const files = repo({ 'package.json': text, 'package-lock.json': '' });
			expect(await proposeSetup(files)).toStrictEqual({
				script: 'npm ci',
				testCommand: null,
				notes: [note],
				packageManager: 'npm'
			});
		});
	}
});

describe('proposeSetup: AGENTS.md', () => {
	it('wins over package.json when it names a test command', async () => {
		const files = repo({
			'package.json': withTest,
			'package-lock.json': '',
			'AGENTS.md': '# Notes\n\nRun the tests with `npm run test:all` before you finish.\n'
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'npm ci',
			testCommand: 'npm run test:all',
			notes: ['Test command from AGENTS.md, in place of `npm test` from package.json.'],
			packageManager: 'npm'
		});
	});

	it('says where the command came from when both agree, and replaces package.json notes', async () => {
		const agreeing = repo({
			'package.json': withTest,
			'package-lock.json': '',
			'AGENTS.md': 'Tests: `npm test`'
		});
		const placeholderToo = repo({
			'package.json': placeholder,
			'package-lock.json': '',
			'AGENTS.md': '## Testing\n\n```sh\nnpm ci\nnpx vitest run\n```\n'
		});
		const proposals = await Promise.all([proposeSetup(agreeing), proposeSetup(placeholderToo)]);
		expect(proposals).toStrictEqual([
			{
				script: 'npm ci',
				testCommand: 'npm test',
				notes: ['Test command from AGENTS.md.'],
				packageManager: 'npm'
			},
			{
				script: 'npm ci',
				testCommand: 'npx vitest run',
				notes: ['Test command from AGENTS.md.'],
				packageManager: 'npm'
			}
		]);
	});

	it('leaves package.json in charge when AGENTS.md names no test command', async () => {
		const files = repo({
			'package.json': withTest,
			'yarn.lock': '',
			'AGENTS.md': 'Keep functions short. Tests live in `tests/unit`.'
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'yarn install --frozen-lockfile',
			testCommand: 'yarn test',
			notes: [],
			packageManager: 'yarn'
		});
	});

	it('reads AGENTS.override.md first, unless it is empty', async () => {
		const both = {
			'package.json': withTest,
			'package-lock.json': '',
			'AGENTS.md': 'Run the tests with `npm run test:slow`.'
		};
		const proposals = await Promise.all([
			proposeSetup(repo({ ...both, 'AGENTS.override.md': 'Test with `npm run test:fast`.' })),
			proposeSetup(repo({ ...both, 'AGENTS.override.md': ' \n' }))
		]);
		expect(proposals.map(({ testCommand, notes }) => ({ testCommand, notes }))).toStrictEqual([
			{
				testCommand: 'npm run test:fast',
				notes: ['Test command from AGENTS.override.md, in place of `npm test` from package.json.']
			},
			{
				testCommand: 'npm run test:slow',
				notes: ['Test command from AGENTS.md, in place of `npm test` from package.json.']
			}
		]);
	});
});

describe('proposeSetup: repositories without Node', () => {
	it('gives a Python repository an empty script and a note naming what it found', async () => {
		const files = repo({
			'pyproject.toml': '[project]\nname = "tool"\n',
			'requirements.txt': 'requests\n',
			'src/tool/__init__.py': '',
			'AGENTS.md': '## Testing\n\n```bash\n$ pytest -q\n```\n'
		});
		expect(await proposeSetup(files)).toStrictEqual({
			script: '',
			testCommand: 'pytest -q',
			notes: [
				`${noNode} Found Python (pyproject.toml, requirements.txt): its tools will not run here, but the agent can still read and edit the code.`,
				'Test command from AGENTS.md.'
			],
			packageManager: null
		});
	});

	it('names each toolchain it recognises', async () => {
		const files = repo({ 'go.mod': '', 'Cargo.toml': '', 'App.sln': '', 'build.gradle.kts': '' });
		expect(await proposeSetup(files)).toStrictEqual({
			script: '',
			testCommand: null,
			notes: [
				`${noNode} Found Go (go.mod), Rust (Cargo.toml), Java (build.gradle.kts) and .NET (App.sln): their tools will not run here, but the agent can still read and edit the code.`
			],
			packageManager: null
		});
	});

	it('proposes nothing for a repository with nothing in it', async () => {
		const expected = { script: '', testCommand: null, notes: [noNode], packageManager: null };
		expect(await proposeSetup(repo({ 'README.md': '# Hello' }))).toStrictEqual(expected);
		expect(await proposeSetup(repo({}))).toStrictEqual(expected);
	});

	it('notes the other toolchain in a Node repository that has one', async () => {
		const files = repo({ 'package.json': withTest, 'package-lock.json': '', 'go.mod': '' });
		expect(await proposeSetup(files)).toStrictEqual({
			script: 'npm ci',
			testCommand: 'npm test',
			notes: ['Also found Go (go.mod); only the Node.js part can run in the WebContainer.'],
			packageManager: 'npm'
		});
	});
});
