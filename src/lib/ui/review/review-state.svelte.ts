// One attempt's review: which files are viewed or collapsed, the comments, the open draft.
// Kept in memory per attempt, so switching between attempts' tabs loses nothing; the Viewed
// marks are also stored with the attempt (each with its diff's digest), so a reload keeps them.
import { untrack } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type { ViewedMark } from '$lib/core/store';
import { attemptsStore } from '../tasks/attempts-store.svelte';
import type { LineAnchor, ReviewComment } from './follow-up';

/** Where the Viewed marks are kept: what was stored, and how to store them again. */
export type ViewedStore = {
	marks: readonly ViewedMark[];
	save(marks: ViewedMark[]): void;
};

export type CommentDraft = LineAnchor & { body: string };

export class ReviewState {
	readonly viewed = new SvelteSet<string>();
	readonly collapsed = new SvelteSet<string>();
	comments = $state.raw<readonly ReviewComment[]>([]);
	/** The one comment being written. */
	draft = $state<CommentDraft | null>(null);
	#nextId = 1;
	/** Viewed paths with the digest of the diff they were marked on (bookkeeping: `viewed` renders). */
	#marks: Map<string, string>;
	/** The digest of each file's diff under review now. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- nothing renders it
	#digests = new Map<string, string>();
	#save: ((marks: ViewedMark[]) => void) | undefined;

	constructor(store?: ViewedStore) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- nothing renders it
		this.#marks = new Map((store?.marks ?? []).map((mark) => [mark.path, mark.digest]));
		this.#save = store?.save;
	}

	/**
	 * The files under review now, each with its diff's digest: a stored mark applies to a file
	 * whose diff is the one it was marked on, and a file whose diff changed since (a follow-up
	 * edited it) is not Viewed any more, as on GitHub.
	 */
	sync(files: readonly { path: string; digest: string }[]) {
		untrack(() => {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- nothing renders it
			this.#digests = new Map(files.map((file) => [file.path, file.digest]));
			let changed = false;
			for (const [path, digest] of this.#marks) {
				const now = this.#digests.get(path);
				if (now === undefined) continue; // not mounted yet, or another attempt's file list
				if (now === digest) {
					if (!this.viewed.has(path)) {
						this.viewed.add(path);
						this.collapsed.add(path);
					}
				} else {
					this.#marks.delete(path);
					this.viewed.delete(path);
					this.collapsed.delete(path);
					changed = true;
				}
			}
			if (changed) this.#store();
		});
	}

	/** Marking a file viewed folds it away; unmarking unfolds it. */
	setViewed(path: string, viewed: boolean) {
		toggle(this.viewed, path, viewed);
		toggle(this.collapsed, path, viewed);
		const digest = this.#digests.get(path);
		if (viewed && digest !== undefined) this.#marks.set(path, digest);
		else this.#marks.delete(path);
		this.#store();
	}

	#store() {
		this.#save?.([...this.#marks].map(([path, digest]) => ({ path, digest })));
	}

	toggleCollapsed(path: string) {
		toggle(this.collapsed, path, !this.collapsed.has(path));
	}

	setAllCollapsed(paths: readonly string[], collapsed: boolean) {
		if (!collapsed) return this.collapsed.clear();
		for (const path of paths) this.collapsed.add(path);
	}

	/** A click on another line moves the open draft there, keeping what was typed. */
	openDraft(anchor: LineAnchor) {
		const same = this.draft && sameAnchor(this.draft, anchor);
		if (!same) this.draft = { ...anchor, body: this.draft?.body ?? '' };
	}

	setDraftBody(body: string) {
		if (this.draft) this.draft.body = body;
	}

	cancelDraft() {
		this.draft = null;
	}

	/** Saves the draft as a comment (an empty one is dropped). */
	saveDraft() {
		const draft = this.draft;
		this.draft = null;
		if (!draft || !draft.body.trim()) return;
		const { path, side, line, lineText, body } = draft;
		this.comments = [...this.comments, { id: this.#nextId++, path, side, line, lineText, body }];
	}

	removeComment(id: number) {
		this.comments = this.comments.filter((comment) => comment.id !== id);
	}

	clearComments() {
		this.comments = [];
	}
}

export function sameAnchor(a: LineAnchor, b: LineAnchor): boolean {
	return a.path === b.path && a.side === b.side && a.line === b.line;
}

function toggle(set: Set<string>, item: string, present: boolean) {
	if (present) set.add(item);
	else set.delete(item);
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry, nothing renders it
const states = new Map<string, ReviewState>();

/**
 * The review of `attemptId`, created on first use; lives as long as the page. A stored attempt
 * keeps its Viewed marks in its record; another review (a shared link's) keeps them in memory.
 */
export function reviewStateFor(attemptId: string): ReviewState {
	let state = states.get(attemptId);
	if (!state) {
		const record = attemptsStore.attempt(attemptId);
		state = new ReviewState(
			record && {
				marks: record.viewed ?? [],
				save: (marks) => void attemptsStore.setViewed(attemptId, marks)
			}
		);
		states.set(attemptId, state);
	}
	return state;
}

/** A short digest of a file's diff (FNV-1a over its lines): what a Viewed mark was made on. */
export function diffDigest(lines: Iterable<string>): string {
	let hash = 0x811c9dc5;
	for (const line of lines) {
		for (let i = 0; i < line.length; i++) {
			hash ^= line.charCodeAt(i);
			hash = Math.imul(hash, 0x01000193);
		}
		hash ^= 10;
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}
