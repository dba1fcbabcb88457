// How an AGENTS.md names its test command, and the code in it that is not one.
import { describe, expect, it } from 'vitest';
import { testCommandFromAgents } from '../../../src/lib/core/start/agents-test-command.ts';

/** The "Testing instructions" section of the example on agents.md, placeholders and all. */
const agentsMdExample = `# AGENTS.md

## Dev environment tips
- Use \`pnpm dlx turbo run where <project_name>\` to jump to a package.
- Run \`pnpm install --filter <project_name>\` to add the package to your workspace.

## Testing instructions
- Find the CI plan in the .github/workflows folder.
- Run \`pnpm turbo run test --filter <project_name>\` to run every check defined for that package.
- From the package root you can just call \`pnpm test\`. The commit should pass all tests.
- To focus on one step, add the Vitest pattern: \`pnpm vitest run -t "<test name>"\`.
`;

const cases: Array<[string, string, string | null]> = [
	['a sentence naming tests', 'Run the tests with `npm test`.', 'npm test'],
	["agents.md's own example, skipping templates", agentsMdExample, 'pnpm test'],
	[
		'a shell block under a Testing heading',
		'## Testing\n\n```sh\nnpm ci\nnpm test\n```\n',
		'npm test'
	],
	['a prompt sign in a block', '## Tests\n\n```console\n$ make check\n```', 'make check'],
	['the list item about tests', '- Build: `make build`\n- Test: `make check`', 'make check'],
	[
		'the command about tests in a sentence',
		'Run `npm run lint` and `npm test` before committing.',
		'npm test'
	],
	[
		'a sentence wrapped over lines',
		'Run the whole test\nsuite with `go test ./...`.',
		'go test ./...'
	],
	['a comment in the block', '```\n# run the unit tests\n./scripts/ci.sh\n```', './scripts/ci.sh'],
	['an environment prefix', 'Tests: `CI=1 pnpm vitest run`', 'CI=1 pnpm vitest run'],
	['a trailing shell comment', 'Tests:\n\n```bash\nnpm test  # quick\n```', 'npm test'],
	['the first of equals', 'Test with `npm run test:a` or `npm run test:b`.', 'npm run test:a'],
	['a tilde fence', 'Testing:\n\n~~~\ncargo test --all\n~~~', 'cargo test --all'],
	['a path, not a command', 'Tests live in `tests/unit`.', null],
	['an install under Testing', '## Testing\n\nInstall with `npm ci` first.', null],
	['a command with no word about tests', 'Build with `npm run build`.', null],
	['code in another language', '## Tests\n\n```python\npytest.main()\n```', null],
	['a heading that moved on', '## Testing\n\nSee CI.\n\n## Build\n\n```sh\nmake\n```', null],
	['nothing at all', '', null]
];

describe('testCommandFromAgents', () => {
	for (const [name, markdown, expected] of cases) {
		it(`finds ${expected === null ? 'nothing' : `\`${expected}\``} in ${name}`, () => {
			expect(testCommandFromAgents(markdown)).toBe(expected);
		});
	}

	it('reads only the first 64 KiB', () => {
		const filler = `${'Plain words. '.repeat((64 * 1024) / 13 + 10)}\n\n`;
		expect(testCommandFromAgents(`Tests: \`npm test\`\n\n${filler}`)).toBe('npm test');
		expect(testCommandFromAgents(`${filler}Tests: \`npm test\`\n`)).toBe(null);
	});

	it('refuses a command longer than 300 characters', () => {
		const long = `npm test -- ${'a'.repeat(300)}`;
		expect(testCommandFromAgents(`Tests: \`${long}\` or \`npm test\``)).toBe('npm test');
	});
});
