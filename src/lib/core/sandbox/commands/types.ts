// What the sandbox's `git` knows about the repository, and the shape every subcommand shares.
import type { IFileSystem } from 'just-bash';
import type { DetectOptions, FileChange, ReadBaseline } from '../../diff/index.ts';
import type { CommitInfo } from '../../git/commit-info.ts';
import type { Baseline } from '../../git/index.ts';

/** The baseline commit's message, author and committer (core/git/commit-info.ts). */
export type { CommitInfo };

export type GitRepoOptions = {
	baseline: Baseline;
	/** A baseline blob's bytes by oid. */
	readBaseline: ReadBaseline;
	commitInfo?: CommitInfo;
	/** The repository root inside the sandbox: the Lite sandbox's root (default `/work`). */
	root?: string;
	/** Passed to change detection (dependency folders, extra ignore rules). */
	detect?: Pick<DetectOptions, 'dependencyDirs' | 'excludeText' | 'concurrency'>;
};

/** The working tree compared with the baseline, computed once per command. */
export type Worktree = {
	/** Every change, renames paired and new files included: what the task will hand in. */
	all: FileChange[];
	/** Changes to tracked files only, as `git diff` sees them with nothing staged: a rename is
	 * the deletion of its old path (the new path is untracked). */
	tracked: FileChange[];
	/** Files that are not in the baseline, sorted. */
	untracked: string[];
};

export type GitContext = {
	repo: Required<Pick<GitRepoOptions, 'baseline' | 'readBaseline' | 'root'>> & GitRepoOptions;
	fs: IFileSystem;
	/** Absolute working directory, inside the root. */
	cwd: string;
	/** The working directory relative to the root with a trailing slash, '' at the root. */
	prefix: string;
	worktree(): Promise<Worktree>;
	signal?: AbortSignal;
};

export type Outcome = {
	stdout: string;
	stderr: string;
	exitCode: number;
	stdoutKind?: 'text' | 'bytes';
	stdoutEncoding?: 'binary';
};

export type Subcommand = (args: string[], ctx: GitContext) => Promise<Outcome>;

export const ok = (stdout: string, stderr = ''): Outcome => ({
	stdout,
	stderr,
	exitCode: 0,
	stdoutKind: 'text'
});

export const fail = (stderr: string, exitCode = 1, stdout = ''): Outcome => ({
	stdout,
	stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
	exitCode,
	stdoutKind: 'text'
});

/** Output of one char a byte (latin1), written out as those bytes: a diff of text in any encoding. */
export const bytesOk = (stdout: string): Outcome => ({
	stdout,
	stderr: '',
	exitCode: 0,
	stdoutKind: 'bytes',
	stdoutEncoding: 'binary'
});

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Output built one char a byte, as text when its bytes are UTF-8 (nearly always: the agent
 * reads it as text) and as bytes otherwise (a diff of a Latin-1 file, kept exact in a redirect).
 */
export function byteOutput(stdout: string): Outcome {
	if (!/[^\p{ASCII}]/u.test(stdout)) return ok(stdout);
	try {
		return ok(strictUtf8.decode(Uint8Array.from(stdout, (c) => c.charCodeAt(0))));
	} catch {
		return bytesOk(stdout);
	}
}

/** Text as its UTF-8 bytes, one char a byte, to go beside byte output. */
export function utf8Bytes(text: string): string {
	// Plain ASCII is its own encoding; most output is.
	if (!/[^\p{ASCII}]/u.test(text)) return text;
	let out = '';
	for (const byte of encoder.encode(text)) out += String.fromCharCode(byte);
	return out;
}

/** git's own "fatal:" errors exit with 128. */
export const fatal = (message: string): Outcome => fail(`fatal: ${message}`, 128);
