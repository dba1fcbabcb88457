// The Share card's state: which parts to include, the link built from them, its size.
import {
	encodeShare,
	shareSize,
	shrinkShare,
	toSharedTask,
	type ShareSize,
	type SharedTask
} from '$lib/core/share';
import { settingsRepo, settingsSecrets, type Settings } from '$lib/core/store';
// By file: the core/tasks index also re-exports runAttempt (agent, model, sandbox runtimes).
import { shareSourceOf, type ShareInput, type ShareScope } from '$lib/core/tasks/share-source';
import { appDb } from '../db';

export type ShareLink = { url: string; size: ShareSize; task: SharedTask };

/** Where a payload opens: this app's own address, the payload in the fragment. */
export function shareUrl(payload: string, location: Pick<Location, 'origin' | 'pathname'>): string {
	return `${location.origin}${location.pathname}#/share/${payload}`;
}

export class ShareLinkState {
	scope = $state<ShareScope>('result');
	dropLog = $state(false);
	dropPatch = $state(false);
	link = $state.raw<ShareLink | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	copied = $state(false);
	#settings: Settings | undefined;

	/** Builds the link for the current choices. Secrets in Settings are masked in it. */
	async build(input: Omit<ShareInput, 'scope' | 'model'>) {
		this.copied = false;
		try {
			this.#settings ??= await settingsRepo(await appDb()).get();
			const settings = this.#settings;
			const source = shareSourceOf({ ...input, scope: this.scope, model: settings.model.model });
			const full = toSharedTask(source, { secrets: settingsSecrets(settings) });
			const shared = shrinkShare(full, { dropLog: this.dropLog, dropPatch: this.dropPatch });
			const payload = encodeShare(shared);
			const url = shareUrl(payload, window.location);
			this.link = { url, size: shareSize(url), task: shared };
			this.error = undefined;
		} catch (error) {
			this.link = undefined;
			this.error = error instanceof Error ? error.message : String(error);
		}
	}

	async copy() {
		if (!this.link) return;
		try {
			await navigator.clipboard.writeText(this.link.url);
			this.copied = true;
		} catch {
			this.error = 'The browser did not allow copying. Select the link and copy it yourself.';
		}
	}
}
