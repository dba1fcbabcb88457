// Which commands of a setup script need Node.js. The Lite runtime has no Node, so a setup that
// runs npm there fails with "command not found"; knowing it beforehand lets the attempt go on
// without it and say why. The script is split into its simple commands the way a shell reads
// them (quotes, comments, `;` `&&` `||` `|` `&`, newlines, groups), and each command's first
// word — after variable assignments and wrappers like `env` or `sudo` — is looked up; a word
// that merely appears in an argument (`echo npm`) or a comment (`# npm ci`) does not count.

/** Programs that are Node.js or run on it. */
const NODE_PROGRAMS = new Set([
	'node',
	'npm',
	'npx',
	'pnpm',
	'pnpx',
	'yarn',
	'bun',
	'bunx',
	'corepack'
]);

/** Words that run the command after them (their own options skipped); keywords that precede one. */
const WRAPPERS = new Set(['env', 'sudo', 'time', 'exec', 'command', 'nice', 'nohup']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** A word with quotes removed, and where it starts in the script. */
type Word = { text: string; quoted: boolean; at: number };

/**
 * The script's simple commands, each as its words and where it ends in the script. Not a
 * full shell grammar: enough to find command words — here-documents, `case` patterns and
 * substitutions are read as ordinary words.
 */
function simpleCommands(script: string): Array<{ words: Word[]; end: number }> {
	const commands: Array<{ words: Word[]; end: number }> = [];
	let words: Word[] = [];
	let word = '';
	let quoted = false;
	let inWord = false;
	let start = 0;
	let i = 0;
	const endWord = () => {
		if (inWord) words.push({ text: word, quoted, at: start });
		word = '';
		quoted = false;
		inWord = false;
	};
	const endCommand = (at: number) => {
		endWord();
		if (words.length > 0) commands.push({ words, end: at });
		words = [];
	};
	const take = (text: string) => {
		if (!inWord) start = i;
		word += text;
		inWord = true;
	};
	while (i < script.length) {
		const c = script[i]!;
		if (c === '\\' && i + 1 < script.length) {
			if (script[i + 1] !== '\n') take(script[i + 1]!);
			i += 2;
		} else if (c === "'" || c === '"') {
			const close = script.indexOf(c, i + 1);
			const end = close < 0 ? script.length : close;
			take(script.slice(i + 1, end));
			quoted = true;
			i = end + 1;
		} else if (c === '#' && !inWord) {
			const newline = script.indexOf('\n', i);
			i = newline < 0 ? script.length : newline;
		} else if (';&|\n(){}'.includes(c)) {
			endCommand(i);
			i++;
		} else if (c === ' ' || c === '\t' || c === '\r') {
			endWord();
			i++;
		} else {
			take(c);
			i++;
		}
	}
	endCommand(script.length);
	return commands;
}

/** The word naming the program a simple command runs: past assignments, keywords and wrappers. */
function programOf(words: Word[]): Word | null {
	let k = 0;
	while (k < words.length) {
		const { text, quoted } = words[k]!;
		if (!quoted && (ASSIGNMENT.test(text) || KEYWORDS.has(text))) k++;
		else if (!quoted && WRAPPERS.has(text)) {
			k++;
			while (k < words.length && words[k]!.text.startsWith('-')) k++;
		} else return words[k]!;
	}
	return null;
}

/** A command that needs Node: its text from the program on ("npm ci"), and the program ("npm"). */
export type NodeCommand = { text: string; program: string };

/**
 * The first command of `script` that needs Node.js (for `FOO=1 npm ci`: "npm ci", npm), or null
 * when none does. A script that calls another script (`./setup.sh`, `make`) is not looked into.
 */
export function firstNodeCommand(script: string): NodeCommand | null {
	for (const { words, end } of simpleCommands(script)) {
		const word = programOf(words);
		const program = word?.text.slice(word.text.lastIndexOf('/') + 1);
		if (word && program && NODE_PROGRAMS.has(program))
			return { text: script.slice(word.at, end).trim(), program };
	}
	return null;
}

/** Why a setup does not run on Lite, for the proposal and the log. */
export function liteSkipNote({ text, program }: NodeCommand): string {
	return (
		`Setup skipped: \`${text}\` needs Node, which the Lite runtime does not have; ` +
		`the agent can read and edit files but not run ${program}.`
	);
}

/**
 * The same, for the agent's system prompt: one sentence naming the script that did not run and
 * why, so the agent does not take dependencies for installed or try to run Node itself.
 */
export function liteSkipAgentNote(script: string, { text, program }: NodeCommand): string {
	const steps = script
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'))
		.join('; ');
	const shown = steps.length > 200 ? `${steps.slice(0, 199)}…` : steps;
	return (
		`The environment's setup script (\`${shown}\`) was skipped because \`${text}\` needs Node, ` +
		'which this Lite sandbox does not have, so nothing it would install or build (such as ' +
		`dependencies) is present: do not assume it ran, and do not try to run ${program}.`
	);
}
