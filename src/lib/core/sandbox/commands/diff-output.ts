// The patch and name formats of `git diff`. The patch comes from the diff module's formatPatch;
// a binary file is shown as git shows it without `--binary`: "Binary files … differ".
import { formatPatch, isGitBinary, similarityIndex, type FileChange } from '../../diff/index.ts';
import { statusLetter, type StatusLetter } from './change-status.ts';
import { quoteC } from './quote.ts';

export type PatchFlags = { binary: boolean; fullIndex: boolean; abbrev: number };

/** The patch as git prints it, one char a byte (content in any encoding, kept as bytes). */
export function patchText(changes: FileChange[], flags: PatchFlags): string {
	return changes
		.map((change) =>
			(isGitBinary(change.before) || isGitBinary(change.after)) && !flags.binary
				? binaryNotice(change, flags)
				: formatPatch([change], { ...flags, bytes: true })
		)
		.join('');
}

/** Every section formatPatch writes for the change, its binary literal replaced by the notice. */
function binaryNotice(change: FileChange, { fullIndex, abbrev }: PatchFlags): string {
	const sections = formatPatch([change], { bytes: true }).split(/(?=^diff --git )/m);
	return sections
		.map((section) => {
			const at = section.indexOf('GIT binary patch\n');
			if (at < 0) return section;
			const head = fullIndex ? section.slice(0, at) : shortIndex(section.slice(0, at), abbrev);
			const from = /^new file mode /m.test(head)
				? '/dev/null'
				: quoteC(`a/${change.oldPath ?? change.path}`);
			const to = /^deleted file mode /m.test(head) ? '/dev/null' : quoteC(`b/${change.path}`);
			return `${head}Binary files ${from} and ${to} differ\n`;
		})
		.join('');
}

/** formatPatch writes full ids for a binary file (as `--binary` needs); git abbreviates them. */
function shortIndex(head: string, abbrev: number): string {
	return head.replace(
		/^index ([0-9a-f]{40})\.\.([0-9a-f]{40})/m,
		(_, a: string, b: string) => `index ${a.slice(0, abbrev)}..${b.slice(0, abbrev)}`
	);
}

export function nameOnly(changes: FileChange[], nul: boolean): string {
	const end = nul ? '\0' : '\n';
	return changes.map((change) => (nul ? change.path : quoteC(change.path)) + end).join('');
}

export function nameStatus(changes: FileChange[], nul: boolean): string {
	const end = nul ? '\0' : '\n';
	const name = (path: string) => (nul ? path : quoteC(path));
	return changes
		.map((change) => {
			const letter = statusLetter(change);
			if (letter !== 'R') return `${letter}${nul ? '\0' : '\t'}${name(change.path)}${end}`;
			const sep = nul ? '\0' : '\t';
			const score = String(similarityIndex(change)).padStart(3, '0');
			return `R${score}${sep}${name(change.oldPath!)}${sep}${name(change.path)}${end}`;
		})
		.join('');
}

/** `--diff-filter=AMD`: keep those letters; lower-case letters (`d`) leave those out. */
export function diffFilter(changes: FileChange[], filter: string): FileChange[] {
	const keep = new Set([...filter].filter((c) => c === c.toUpperCase()));
	const drop = new Set(
		[...filter].filter((c) => c !== c.toUpperCase()).map((c) => c.toUpperCase())
	);
	return changes.filter((change) => {
		const letter: StatusLetter = statusLetter(change);
		return (keep.size === 0 || keep.has(letter)) && !drop.has(letter);
	});
}
