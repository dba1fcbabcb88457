// The test command an AGENTS.md names, if it names one: a command in backticks or in a shell
// block, near the words test/tests/testing or itself about tests.
import { codeCandidates } from './markdown-commands.ts';

/** AGENTS.md is read whole by the agent anyway; the search only needs the start of a huge one. */
const MAX_CHARS = 64 * 1024;
const MAX_COMMAND = 300;
const TEST_WORD = /\btest(?:s|ing|ed)?\b/i;
const NAMES_TESTS = /test/i;
/** An install is setup, not a test, even under a "Testing" heading. */
const INSTALL = new RegExp(
	[
		'^(?:npm|pnpm|yarn|bun)\\s+(?:ci|i|install|add)\\b',
		'^(?:pip3?|uv pip|bundle|composer|poetry)\\s+install\\b',
		'^uv\\s+sync\\b'
	].join('|')
);
/** `<project_name>`: a template for the reader to fill in, not a command to run. */
const PLACEHOLDER = /<[A-Za-z][^<>]*>/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=\S*$/;
/** First words that start a command; anything else in backticks is a path, a name or code. */
const RUNNERS = new Set(
	(
		'npm npx pnpm pnpx yarn bun bunx node deno make just task turbo nx lerna vitest jest mocha ' +
		'playwright pytest python python3 tox nox uv poetry pipenv hatch go cargo bundle rake rspec ' +
		'ruby mvn gradle dotnet mix swift composer php phpunit ctest cmake bazel sbt lein stack ' +
		'cabal flutter dart zig sh bash'
	).split(' ')
);

/**
 * The best-placed command: one that names tests itself scores 2, one whose paragraph or list
 * item mentions tests 1, one under a heading that does 1; the highest wins, the first on a tie.
 */
export function testCommandFromAgents(markdown: string): string | null {
	let best: { command: string; score: number } | null = null;
	for (const candidate of codeCandidates(markdown.slice(0, MAX_CHARS))) {
		const command = asCommand(candidate.text);
		if (command === null) continue;
		const named = NAMES_TESTS.test(command);
		if (INSTALL.test(command) && !named) continue;
		const score =
			(named ? 2 : 0) +
			(TEST_WORD.test(candidate.context) ? 1 : 0) +
			(TEST_WORD.test(candidate.heading) ? 1 : 0);
		if (score > 0 && (best === null || score > best.score)) best = { command, score };
	}
	return best?.command ?? null;
}

/** The command in a code span or block line, or null when it does not look like one. */
function asCommand(text: string): string | null {
	const command = text
		.trim()
		.replace(/^[$>]\s+/, '')
		.replace(/\s+#\s.*$/, '')
		.trim();
	if (!command || command.length > MAX_COMMAND || PLACEHOLDER.test(command)) return null;
	const words = command.split(/\s+/);
	const first = words.find((word) => !ENV_ASSIGNMENT.test(word)) ?? '';
	return RUNNERS.has(first) || first.startsWith('./') ? command : null;
}
