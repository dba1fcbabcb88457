// The forges table (forge-for.ts) is the one list of forges: Settings' kind picker, the store's
// validation and the page's words for a change request read it, each forge's entry agrees with
// the forge its folder makes, the table stays light enough for Settings and the store to import
// (no forge's code comes with it), and core/git imports nothing from core/github or core/forge.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	forgeMeta,
	namedHostKind,
	settingsKinds,
	type ForgeKind
} from '../../../src/lib/core/forge/forge-for.ts';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';

const core = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/lib/core');
const KINDS: ForgeKind[] = ['github', 'git', 'gitlab', 'gitea'];

/** Every module specifier `file` imports: `static` ones (value imports), or all of them. */
function importsOf(file: string, which: 'static' | 'all'): string[] {
	const text = readFileSync(file, 'utf8');
	const found: string[] = [];
	const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/g;
	for (const m of text.matchAll(statement)) if (which === 'all' || !m[1]) found.push(m[2]!);
	if (which === 'all')
		for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]!);
	return found;
}

/** The files `entry` reaches through static value imports (what a bundle takes with it). */
function staticClosure(entry: string): { files: string[]; packages: string[] } {
	const files = new Set<string>();
	const packages = new Set<string>();
	const visit = (file: string) => {
		if (files.has(file)) return;
		files.add(file);
		for (const spec of importsOf(file, 'static')) {
			if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
			else packages.add(spec);
		}
	};
	visit(entry);
	return { files: [...files].map((f) => relative(core, f)).sort(), packages: [...packages].sort() };
}

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []
	);
}

describe('the forges table', () => {
	it("gives Settings' kind picker its options, plain git (the default) first", () => {
		expect(settingsKinds()).toEqual([
			{ kind: 'git', label: 'Plain git (smart HTTP)', named: false },
			{ kind: 'gitlab', label: 'GitLab', named: true },
			{ kind: 'gitea', label: 'Gitea / Forgejo', named: true }
		]);
	});

	it('lets Settings name a host only as a forge served by host', () => {
		const named = [...KINDS, 'svn', '', undefined, 3, 'constructor', '__proto__'].map(
			namedHostKind
		);
		expect(named).toEqual([null, null, 'gitlab', 'gitea', null, null, null, null, null, null]);
	});

	it("words each forge's change request, and none for plain git", () => {
		expect(KINDS.map((kind) => [kind, forgeMeta(kind).name, forgeMeta(kind).request])).toEqual([
			['github', 'GitHub', { noun: 'pull request', button: 'Create PR', numberPrefix: '#' }],
			['git', 'git host', undefined],
			[
				'gitlab',
				'GitLab',
				{ noun: 'merge request', button: 'Create merge request', numberPrefix: '!' }
			],
			['gitea', 'Gitea', { noun: 'pull request', button: 'Create PR', numberPrefix: '#' }]
		]);
	});

	it('loads, for each entry, the forge of that kind', async () => {
		for (const kind of KINDS) {
			const make = await forgeMeta(kind).load();
			const repo = { kind, apiBase: '', path: 'o/r', webUrl: '', cloneUrl: '' };
			const forge = make(repo, { credentials: noCredentials });
			// A forge opens a request exactly where its entry words one.
			expect([forge.kind, !!forge.openChangeRequest]).toEqual([kind, !!forgeMeta(kind).request]);
		}
	});

	it("declares each forge's issues (address, token, reader), and core/issues names no forge", async () => {
		const declared = await Promise.all(
			KINDS.map(async (kind) => {
				const issues = forgeMeta(kind).issues;
				if (!issues) return [kind, null];
				const { paths, authScheme } = issues;
				return [kind, { paths, authScheme, reader: typeof (await issues.load()) }];
			})
		);
		expect(declared).toEqual([
			['github', null],
			['git', null],
			['gitlab', { paths: ['-/issues', 'issues'], authScheme: 'Bearer', reader: 'function' }],
			['gitea', { paths: ['issues'], authScheme: 'token', reader: 'function' }]
		]);
		// core/issues reaches a forge only through its entry (the reader loads on first use) ...
		const issueFiles = tsFiles(join(core, 'issues'));
		const reached = new Set(issueFiles.flatMap((file) => staticClosure(file).files));
		expect([...reached].filter((f) => /^forge\/[^/]+\/(?!entry\.ts$)/.test(f))).toEqual([]);
		// ... and spells no forge's kind: a new forge's issues need only its folder.
		const naming = issueFiles.filter((file) => /'(gitlab|gitea)'/.test(readFileSync(file, 'utf8')));
		expect(naming).toEqual([]);
	});

	it('is light: forge-for.ts reaches no forge code and no package', () => {
		const { files, packages } = staticClosure(join(core, 'forge/forge-for.ts'));
		expect(files.filter((f) => /^forge\/[^/]+\/(?!entry\.ts$)/.test(f))).toEqual([]);
		expect(files).toContain('forge/gitlab/entry.ts');
		expect(packages).toEqual([]);
	});
});

describe('core/git', () => {
	it('imports nothing from core/github or core/forge (forges use git, not the other way)', () => {
		const upward = tsFiles(join(core, 'git')).flatMap((file) =>
			importsOf(file, 'all')
				.filter((spec) => spec.startsWith('.'))
				.map((spec) => relative(core, resolve(dirname(file), spec)))
				.filter((target) => /^(github|forge)\//.test(target))
				.map((target) => `${relative(core, file)} → ${target}`)
		);
		expect(upward).toEqual([]);
	});
});
