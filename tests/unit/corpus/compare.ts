// Compares the sandbox's git with the real git on one commit pair: each command's stdout (bytes)
// and exit code, the exported patch's text against `git diff --binary --full-index -M` of what
// `git add -A` stores, section by section, and whether `git apply` of the exported patch
// rebuilds that tree (the child's, unless .gitattributes converts a file).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import {
	detectChanges,
	escapedBytes,
	formatPatch,
	readerFromFiles
} from '../../../src/lib/core/diff/index.ts';
import { bash } from '../sandbox/commands/fixture.ts';
import { removeDir, tempDir } from '../diff/git-repo.ts';
import { gitIn, type CorpusRepo } from './corpus-repo.ts';
import type { PairState } from './pair-state.ts';

/** What the agent types, and (where the sandbox's spelling differs) what git is given. */
export type Probe = { command: string; real?: string };

/** Every change handed in, as `git add -A; git diff --cached` shows it, in a throwaway index
 * (its date kept: see stagedAll). */
const staged = (args: string) =>
	'cp -p .git/index .git/index.all && export GIT_INDEX_FILE=.git/index.all && git add -A && ' +
	`git diff --cached ${args}; code=$?; rm -f .git/index.all; exit $code`;

export const PROBES: Probe[] = [
	...['', ' -s', ' --porcelain', ' --porcelain=v2'].map((f) => ({ command: `git status${f}` })),
	...['', ' --stat', ' --numstat', ' --shortstat', ' --name-only', ' --name-status', ' -M'].map(
		(f) => ({ command: `git diff${f}` })
	),
	{ command: 'git diff --summary' },
	{ command: 'git diff --cached -M', real: staged('-M') },
	{ command: 'git diff --cached --stat', real: staged('--stat') },
	{ command: 'git diff --cached --name-status', real: staged('--name-status') },
	{ command: 'git diff --cached --summary', real: staged('--summary') },
	{ command: 'git log' },
	{ command: 'git log --oneline' },
	{ command: 'git log -1 --format=%B' },
	{ command: 'git log --stat' },
	{ command: 'git show --stat' },
	{ command: 'git show -s' },
	{ command: 'git show' },
	{ command: 'git ls-files' },
	{ command: 'git ls-files -s' },
	{ command: 'git rev-parse HEAD' },
	{ command: 'git rev-parse --short HEAD' }
];

export type ProbeResult = {
	command: string;
	same: boolean;
	real: { stdout: string; exitCode: number };
	lite: { stdout: string; exitCode: number };
};

/** Where the sandbox's probe output goes: outside its root, so no git command ever sees it. */
const LITE_OUT = '/tmp/patchbay-probe.out';

/**
 * Each probe's stdout compared as bytes: both sides write it to a file (the sandbox's output
 * could be text or bytes, and a decoded string hides which — a Latin-1 `show` decodes
 * differently on each side), and the exit code is the command's own.
 */
export async function runProbes(state: PairState, probes = PROBES): Promise<ProbeResult[]> {
	const results: ProbeResult[] = [];
	const realOut = join(state.dir, '.git', 'probe.out');
	for (const probe of probes) {
		const realRun = bash(state.dir, `(${probe.real ?? probe.command}) > ${realOut}`);
		const realBytes = readFileSync(realOut);
		const liteRun = await state.sandbox.exec(`${probe.command} > ${LITE_OUT}`);
		const encoded = await state.sandbox.exec(`base64 -w0 ${LITE_OUT}; rm -f ${LITE_OUT}`);
		const liteBytes = Buffer.from(encoded.stdout, 'base64');
		const real = { stdout: realBytes.toString(), exitCode: realRun.exitCode };
		const lite = { stdout: liteBytes.toString(), exitCode: liteRun.exitCode };
		const same = realBytes.equals(liteBytes) && real.exitCode === lite.exitCode;
		results.push({ command: probe.command, same, real, lite });
	}
	return results;
}

export type PatchCheck = {
	sections: number;
	sameSections: number;
	/** Headers of the sections that differ (first lines), for a report. */
	differing: string[];
	/** `git apply` of the exported patch onto the parent gave the tree `git add -A` stores. */
	applies: boolean;
	applyError?: string;
};

/** The review's changes for the pair, formatted as the exported patch, checked against git. */
export function patchChecker(corpus: CorpusRepo) {
	const applyDir = tempDir(`patchbay-apply-${corpus.name}-`);
	const check = async (state: PairState): Promise<PatchCheck> => {
		const changes = await detectChanges(
			state.baseline,
			readerFromFiles(state.childFiles),
			state.readBaseline
		);
		const ours = sections(toLatin1(formatPatch(changes, { fullIndex: true })));
		const stored = stagedAll(state);
		const theirs = sections(stored.patch.toString('latin1'));
		const theirsByHead = new Map(theirs.map((s) => [s.slice(0, s.indexOf('\n')), s]));
		const differing: string[] = [];
		let sameSections = 0;
		for (const section of ours) {
			const head = section.slice(0, section.indexOf('\n'));
			if (theirsByHead.get(head) === section) sameSections++;
			else differing.push(head);
		}
		const total = Math.max(ours.length, theirs.length);
		const patch = escapedBytes(formatPatch(changes));
		const applied = applyAndCompare(corpus, applyDir, state, patch, stored.tree);
		return { sections: total, sameSections, differing, ...applied };
	};
	return Object.assign(check, { dispose: () => removeDir(applyDir) });
}

/**
 * What the task hands in, as git has it: the child's files added with `git add -A` onto the
 * parent (a throwaway index), that index's tree and `git diff --cached --binary --full-index -M`.
 * It is the child's own tree and `git diff parent child` unless .gitattributes converts a file
 * the child committed unconverted (chalk's PNGs with CRLF bytes under `* text eol=lf`).
 */
function stagedAll(state: PairState): { patch: Buffer; tree: string } {
	const index = join(state.dir, '.git', 'index.all');
	copyFileSync(join(state.dir, '.git', 'index'), index);
	// Its date too: a copy dated now would make every file written this second "racily clean"
	// and so re-hashed (see pair-state.ts).
	const { atime, mtime } = statSync(join(state.dir, '.git', 'index'));
	utimesSync(index, atime, mtime);
	try {
		const env = { GIT_INDEX_FILE: index };
		gitIn(state.dir, ['add', '-A'], undefined, env);
		const patch = gitIn(
			state.dir,
			['diff', '--cached', '--binary', '--full-index', '-M'],
			undefined,
			env
		);
		const tree = gitIn(state.dir, ['write-tree'], undefined, env).toString().trim();
		return { patch, tree };
	} finally {
		rmSync(index, { force: true });
	}
}

/** Sections of a patch held as latin1 text (one char a byte). */
function sections(text: string): string[] {
	return text.split(/(?=^diff --git )/m).filter((s) => s.startsWith('diff --git '));
}

/** Our patch's bytes (as exported: escapedBytes) as latin1, to compare with git's output. */
function toLatin1(text: string): string {
	let out = '';
	for (const byte of escapedBytes(text)) out += String.fromCharCode(byte);
	return out;
}

/**
 * `git apply --cached` onto the parent's tree in a throwaway index of the corpus clone: blobs as
 * committed, so no working-tree conversion (a `* text eol=lf` attribute makes git see every
 * PNG of the working tree as changed) gets between the patch and the trees compared.
 */
function applyAndCompare(
	corpus: CorpusRepo,
	dir: string,
	state: PairState,
	patch: Uint8Array,
	want: string
): { applies: boolean; applyError?: string } {
	const env = { ...process.env, GIT_INDEX_FILE: join(dir, 'apply-index') };
	const run = (args: string[], input?: Uint8Array) =>
		spawnSync('git', args, { cwd: corpus.dir, env, input, maxBuffer: 1 << 30 });
	run(['read-tree', state.parent]);
	if (patch.length > 0) {
		const applied = run(['apply', '--cached', '--whitespace=nowarn', '-'], patch);
		if (applied.status !== 0) return { applies: false, applyError: applied.stderr.toString() };
	}
	const tree = run(['write-tree']).stdout.toString().trim();
	rmSync(join(dir, 'apply-index'), { force: true });
	return tree === want ? { applies: true } : { applies: false, applyError: `tree ${tree}` };
}
