// The diff layout the user picked last, remembered in localStorage across visits.
export type DiffLayout = 'side-by-side' | 'line-by-line';

const KEY = 'patchbay.review.layout';

function stored(): DiffLayout {
	try {
		const value = globalThis.localStorage?.getItem(KEY);
		return value === 'line-by-line' ? value : 'side-by-side';
	} catch {
		// Storage can be disabled (privacy settings); the default is fine then.
		return 'side-by-side';
	}
}

export class ReviewPrefs {
	layout = $state<DiffLayout>(stored());

	setLayout(layout: DiffLayout) {
		this.layout = layout;
		try {
			globalThis.localStorage?.setItem(KEY, layout);
		} catch {
			// Not remembered this time; the choice still holds for this page.
		}
	}
}

export const reviewPrefs = new ReviewPrefs();
