// One attempt's review: which files are viewed or collapsed, the comments, the open draft.
// Kept in memory per attempt, so switching between attempts' tabs loses nothing.
import { SvelteSet } from 'svelte/reactivity';
import type { LineAnchor, ReviewComment } from './follow-up';

export type CommentDraft = LineAnchor & { body: string };

export class ReviewState {
	readonly viewed = new SvelteSet<string>();
	readonly collapsed = new SvelteSet<string>();
	comments = $state.raw<readonly ReviewComment[]>([]);
	/** The one comment being written. */
	draft = $state<CommentDraft | null>(null);
	#nextId = 1;

	/** Marking a file viewed folds it away; unmarking unfolds it. */
	setViewed(path: string, viewed: boolean) {
		toggle(this.viewed, path, viewed);
		toggle(this.collapsed, path, viewed);
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

/** The review of `attemptId`, created on first use; lives as long as the page. */
export function reviewStateFor(attemptId: string): ReviewState {
	let state = states.get(attemptId);
	if (!state) {
		state = new ReviewState();
		states.set(attemptId, state);
	}
	return state;
}
