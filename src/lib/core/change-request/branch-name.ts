import { AppError } from '../http/index.ts';

export const DEFAULT_BRANCH_PREFIX = 'patchbay/';
/** Long enough to say what the task was, short enough for a PR list. */
export const MAX_SLUG_LENGTH = 48;

/** Either an exact branch name, or a prefix and the task title to slug. */
export type BranchSpec = { name: string } | { prefix?: string; title: string };

/** `Fix the Ünïcode bug!` → `fix-the-unicode-bug`; never empty. */
export function slugify(title: string): string {
	let slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length > MAX_SLUG_LENGTH) {
		const cut = slug.slice(0, MAX_SLUG_LENGTH);
		const dash = cut.lastIndexOf('-');
		// Cut at a word boundary unless that would throw most of the slug away.
		slug = (dash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
	}
	return slug || 'task';
}

/** git's rules for a branch name (`git check-ref-format --branch`). */
export function isValidBranchName(name: string): boolean {
	if (name === '' || name === '@' || name.startsWith('-')) return false;
	// Control characters, space and ~ ^ : ? * [ \ are never allowed.
	if (/[\p{Cc} ~^:?*[\\]/u.test(name) || name.includes('..') || name.includes('@{')) {
		return false;
	}
	if (name.endsWith('.') || name.endsWith('/')) return false;
	return name
		.split('/')
		.every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/** The branch name a push asks for, before any suffix; throws when it is not a valid one. */
export function branchNameFor(spec: BranchSpec): string {
	const name =
		'name' in spec
			? spec.name.trim()
			: (spec.prefix ?? DEFAULT_BRANCH_PREFIX) + slugify(spec.title);
	if (!isValidBranchName(name)) {
		throw new AppError(
			'bad-branch-name',
			`"${name}" is not a valid branch name.`,
			'Use letters, digits, "-", "_", "." and "/"; no spaces, no "..", and no part starting with ".".'
		);
	}
	return name;
}

/**
 * The branch a task's first push asks for, with no secret in it. The title is masked before it
 * is slugged, and the slug again: lower-casing and joining words can spell a secret the title
 * did not hold as such. A mask slugs to the word `secret`, so the name stays a valid ref.
 */
export function maskedBranchName(
	title: string,
	mask: (text: string) => string,
	prefix = DEFAULT_BRANCH_PREFIX
): string {
	const slug = slugify(mask(slugify(mask(title))));
	return branchNameFor({ name: prefix + slug });
}

/** `name`, then `name-2`, `name-3`…: the n-th candidate for a branch whose name is taken. */
export const candidateName = (name: string, n: number): string => (n <= 1 ? name : `${name}-${n}`);

/** Whether `branch` is `name` or one of its suffixed candidates. */
export function isCandidateOf(name: string, branch: string): boolean {
	if (branch === name) return true;
	const suffix = branch.startsWith(`${name}-`) ? branch.slice(name.length + 1) : '';
	return /^[1-9][0-9]*$/.test(suffix) && Number(suffix) >= 2;
}

/** The first candidate not in `taken`. */
export function firstFreeName(name: string, taken: ReadonlySet<string>): string {
	let n = 1;
	while (taken.has(candidateName(name, n))) n++;
	return candidateName(name, n);
}
