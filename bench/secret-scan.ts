// `node bench/secret-scan.ts [--per-kind N] [--seed N] [--repos a,b]`: the pre-push secret
// scan's figures. Recall: synthetic secrets of every provider's documented shape, embedded in
// code lines of many languages, plus generic assignments and connection URLs; a hit counts only
// with the expected kind. False positives: every line added by every commit of the corpus
// repositories (../shared/corpus, whole history via `git log -p`) and their HEAD trees, where
// any hit is a false positive. Figures are printed, never asserted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FileChange } from '../src/lib/core/diff/index.ts';
import { scanForSecrets, type SecretHit } from '../src/lib/core/secrets/index.ts';
import { tokenFormats } from '../src/lib/core/secrets/token-formats.ts';
import { corpusAvailable, openCorpus } from '../tests/unit/corpus/corpus-repo.ts';
import { addedByCommit, HISTORY_LOG_ARGS } from '../tests/unit/secrets/corpus-history.ts';
import { argValue } from '../tests/servers/http-common.ts';
import { assignmentForms, embeddings, urlForms } from '../tests/unit/secrets/code-lines.ts';
import { genericValue, samples, seeded } from '../tests/unit/secrets/synthetic-secrets.ts';

const perKind = Number(argValue(process.argv, 'per-kind') ?? 40);
const seed = Number(argValue(process.argv, 'seed') ?? 7);
const repos = (argValue(process.argv, 'repos') ?? 'commander,chalk,slugify').split(',');
/** `--tree DIR`: also scan every file under DIR (e.g. node_modules) as a whole-file addition. */
const tree = argValue(process.argv, 'tree');
const encoder = new TextEncoder();
const change = (path: string, text: string): FileChange => ({
	path,
	before: null,
	after: encoder.encode(text)
});

type Tally = {
	name: string;
	found: number;
	total: number;
	wrongKind: number;
	nearMissHits: number;
};

function measure(
	name: string,
	kind: SecretHit['kind'],
	lines: string[],
	nearMisses: string[]
): Tally {
	let found = 0;
	let wrongKind = 0;
	for (const line of lines) {
		const hits = scanForSecrets(line);
		if (hits.some((hit) => hit.kind === kind)) found++;
		else if (hits.length > 0) wrongKind++;
	}
	const nearMissHits = nearMisses.filter((line) => scanForSecrets(line).length > 0).length;
	return { name, found, total: lines.length, wrongKind, nearMissHits };
}

function recall(): Tally[] {
	const random = seeded(seed);
	const tallies: Tally[] = [];
	for (const sample of samples) {
		const lines: string[] = [];
		const nearMisses: string[] = [];
		for (let n = 0; n < perKind; n++) {
			const secret = sample.secret(random);
			if (sample.line) lines.push(sample.line(secret));
			else lines.push(...embeddings.map((embed) => embed(secret)));
			const miss = sample.nearMiss(random);
			// Near misses sit in neutral code (the first six embeddings): after `Bearer` any random value is flagged.
			nearMisses.push(sample.line ? miss : embeddings[n % 6]!(miss));
		}
		if (sample.kind === 'url-password') {
			for (let n = 0; n < perKind; n++)
				lines.push(...urlForms.map((form) => form(sample.secret(random))));
		}
		tallies.push(measure(sample.kind, sample.kind, lines, nearMisses));
	}
	for (const form of assignmentForms) {
		const lines = Array.from({ length: perKind }, () => form.line(genericValue(random)));
		const quiet = [
			'${API_TOKEN}',
			'<your-token-here>',
			'changeme-changeme-123',
			'{{ vault_password }}'
		];
		tallies.push(
			measure(`assignment: ${form.language}`, 'high-entropy', lines, quiet.map(form.line))
		);
	}
	return tallies;
}

type RepoFigures = {
	name: string;
	commits: number;
	addedLines: number;
	headFiles: number;
	headLines: number;
	historyHits: (SecretHit & { commit: string })[];
	headHits: SecretHit[];
	ms: number;
};

function scanRepo(name: string): RepoFigures {
	const repo = openCorpus(name);
	try {
		const log = repo.git([...HISTORY_LOG_ARGS, 'HEAD']).toString('utf8');
		const commits = addedByCommit(log);
		const started = performance.now();
		let addedLines = 0;
		const historyHits: RepoFigures['historyHits'] = [];
		for (const [commit, files] of commits) {
			addedLines += files.reduce((sum, file) => sum + file.lines.length, 0);
			const changes = files.map((file) => change(file.path, file.lines.join('\n')));
			for (const hit of scanForSecrets(changes)) historyHits.push({ ...hit, commit });
		}
		const head = repo
			.files('HEAD')
			.map((file) => ({ path: file.path, before: null, after: file.bytes }));
		const headHits = scanForSecrets(head);
		const headLines = head.reduce(
			(sum, file) => sum + file.after.filter((b) => b === 10).length,
			0
		);
		const ms = performance.now() - started;
		return {
			name,
			commits: commits.size,
			addedLines,
			headFiles: head.length,
			headLines,
			historyHits,
			headHits,
			ms
		};
	} finally {
		repo.dispose();
	}
}

const percent = (part: number, whole: number) =>
	`${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;

const tallies = recall();
console.log(
	`Recall (seed ${seed}, ${perKind} secrets per kind; ${tokenFormats.length} token formats)`
);
console.log(
	'kind'.padEnd(34),
	'found'.padStart(11),
	'recall'.padStart(8),
	'other kind'.padStart(11),
	'near-miss hits'
);
for (const t of tallies) {
	console.log(
		t.name.padEnd(34),
		`${t.found}/${t.total}`.padStart(11),
		percent(t.found, t.total).padStart(8),
		String(t.wrongKind).padStart(11),
		String(t.nearMissHits).padStart(8)
	);
}
const percent2 = (part: number, whole: number) =>
	`${((100 * part) / Math.max(whole, 1)).toFixed(2)}%`;
const groups: [string, Tally[]][] = [
	[
		'token formats',
		tallies.filter((t) => !t.name.startsWith('assignment') && t.name !== 'url-password')
	],
	['passwords in URLs', tallies.filter((t) => t.name === 'url-password')],
	['generic assignments', tallies.filter((t) => t.name.startsWith('assignment'))],
	['all', tallies]
];
for (const [name, group] of groups) {
	const found = group.reduce((sum, t) => sum + t.found, 0);
	const total = group.reduce((sum, t) => sum + t.total, 0);
	const misses = group.reduce((sum, t) => sum + t.nearMissHits, 0);
	console.log(
		`recall, ${name}: ${found}/${total} = ${percent2(found, total)}; near misses flagged: ${misses}`
	);
}
console.log('\nFalse positives on real repositories (whole history + HEAD tree)');
for (const name of repos) {
	if (!corpusAvailable(name)) {
		console.log(`${name}: bundle missing, skipped`);
		continue;
	}
	const f = scanRepo(name);
	console.log(
		`${name}: ${f.commits} commits, ${f.addedLines} added lines → ${f.historyHits.length} findings; ` +
			`HEAD ${f.headFiles} files, ${f.headLines} lines → ${f.headHits.length} findings; ` +
			`scan ${(f.ms / 1000).toFixed(2)} s`
	);
	for (const hit of f.historyHits) {
		console.log(
			`  history ${hit.commit.slice(0, 8)} ${hit.path}:${hit.line} ${hit.kind}: ${hit.excerpt}`
		);
	}
	for (const hit of f.headHits)
		console.log(`  HEAD ${hit.path}:${hit.line} ${hit.kind}: ${hit.excerpt}`);
}

/** Files under `dir`, skipping .git and vitest's cache (this repository's own test fixtures). */
function* filesUnder(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		if (name === '.git' || name === '.vitest-cache' || name === '.vite') continue;
		const path = join(dir, name);
		const stat = statSync(path, { throwIfNoEntry: false });
		if (stat?.isDirectory()) yield* filesUnder(path);
		else if (stat?.isFile() && stat.size < 2_000_000) yield path;
	}
}

if (tree) {
	const started = performance.now();
	let files = 0;
	let lines = 0;
	const hits: SecretHit[] = [];
	for (const path of filesUnder(tree)) {
		const bytes = new Uint8Array(readFileSync(path));
		files++;
		lines += bytes.filter((byte) => byte === 10).length;
		hits.push(
			...scanForSecrets([{ path: path.slice(tree.length + 1), before: null, after: bytes }])
		);
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`\n${tree}: ${files} files, ${lines} lines → ${hits.length} findings (${seconds} s)`);
	for (const hit of hits) console.log(`  ${hit.path}:${hit.line} ${hit.kind}: ${hit.excerpt}`);
}
