// The page's runtime Content-Security-Policy: connections only to the app and the endpoints in
// Settings (core/network/connect-sources.ts), on top of the static policy. It is added once the
// settings are read, on every route but Settings, whose Test buttons must reach endpoints not
// saved yet. A policy cannot be taken back once added, so entering Settings from a page that has
// one reloads the page — unless attempts are running here, which a reload would interrupt; then
// Settings says that new endpoints can be tested after a reload. Leaving Settings installs the
// policy with what was saved. The sandbox's own traffic (Lite curl, web_fetch) leaves through
// the network worker, which this policy does not bind; it is decided by the network policy.
import { connectPolicy } from '$lib/core/network';
import { attemptsRepo, settingsRepo } from '$lib/core/store';
import { appDb } from './db';
import { taskRunner } from './tasks/task-runner.svelte';

const SETTINGS_ROUTE = '/settings';

class ConnectPolicy {
	/** The policy in force in this page, once added. */
	installed = $state<string | null>(null);
	/** On Settings with the policy still in force: endpoints not yet saved cannot be reached. */
	heldBack = $state(false);
	#installing: Promise<void> | undefined;

	async sync(routeId: string | null): Promise<void> {
		if (routeId === SETTINGS_ROUTE) return this.#enterSettings();
		this.heldBack = false;
		this.#installing ??= this.#install();
		return this.#installing;
	}

	async #install() {
		const settings = await settingsRepo(await appDb()).get();
		const policy = connectPolicy(settings);
		const meta = document.createElement('meta');
		meta.httpEquiv = 'Content-Security-Policy';
		meta.content = policy;
		meta.dataset.patchbayConnect = '';
		document.head.append(meta);
		this.installed = policy;
	}

	async #enterSettings() {
		if (!this.#installing) return;
		await this.#installing;
		const attempts = await attemptsRepo(await appDb()).all();
		if (attempts.some((attempt) => taskRunner.isLive(attempt.id))) this.heldBack = true;
		else location.reload();
	}
}

export const connectPolicyState = new ConnectPolicy();
