// What was typed in the composer survives a trip to Settings (and a reload) in this tab.
const KEY = 'patchbay:composer-draft';

export function loadDraft(): string {
	try {
		return sessionStorage.getItem(KEY) ?? '';
	} catch {
		return '';
	}
}

export function saveDraft(text: string): void {
	try {
		if (text) sessionStorage.setItem(KEY, text);
		else sessionStorage.removeItem(KEY);
	} catch {
		// Storage refused (private mode quota): the draft just does not persist.
	}
}
