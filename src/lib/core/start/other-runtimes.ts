// Repositories built with something other than Node: the WebContainer cannot run their
// toolchains, so the proposal says what it saw instead of guessing a script.

type Runtime = { name: string; files: string[]; suffixes?: string[] };

const RUNTIMES: Runtime[] = [
	{ name: 'Python', files: ['pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile'] },
	{ name: 'Go', files: ['go.mod'] },
	{ name: 'Rust', files: ['Cargo.toml'] },
	{ name: 'Ruby', files: ['Gemfile'] },
	{ name: 'Java', files: ['pom.xml', 'build.gradle', 'build.gradle.kts'] },
	{ name: 'PHP', files: ['composer.json'] },
	{ name: 'Elixir', files: ['mix.exs'] },
	{ name: '.NET', files: [], suffixes: ['.sln', '.csproj', '.fsproj'] },
	{ name: 'Swift', files: ['Package.swift'] },
	{ name: 'Dart', files: ['pubspec.yaml'] },
	{ name: 'Deno', files: ['deno.json', 'deno.jsonc'] },
	{ name: 'C/C++ (CMake)', files: ['CMakeLists.txt'] }
];

/** "Python (pyproject.toml, requirements.txt)" for each toolchain whose files are at the root. */
export function detectRuntimes(root: ReadonlySet<string>): string[] {
	const names = [...root].sort();
	const found: string[] = [];
	for (const runtime of RUNTIMES) {
		const seen = names.filter(
			(name) =>
				runtime.files.includes(name) ||
				(runtime.suffixes ?? []).some((suffix) => name.endsWith(suffix))
		);
		if (seen.length > 0) found.push(`${runtime.name} (${seen.join(', ')})`);
	}
	return found;
}

/** The note for a repository with no package.json at its root. */
export function noNodeNote(runtimes: string[]): string {
	const base =
		'No package.json at the repository root, so the setup script is empty: ' +
		'the WebContainer runs Node.js only.';
	if (runtimes.length === 0) return base;
	const their = runtimes.length > 1 ? 'their' : 'its';
	return (
		`${base} Found ${listed(runtimes)}: ${their} tools will not run here, ` +
		'but the agent can still read and edit the code.'
	);
}

/** The note for a Node project that also holds another toolchain's files. */
export function alsoNote(runtimes: string[]): string {
	return `Also found ${listed(runtimes)}; only the Node.js part can run in the WebContainer.`;
}

function listed(items: string[]): string {
	if (items.length < 2) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
