// The saved price table and default budget, read once per page and again on `refresh()` (Settings
// calls it after a save), for every cost shown outside Settings.
import { DEFAULT_PRICES, type Budget, type Price } from '$lib/core/cost';
import { settingsRepo } from '$lib/core/store';
import { appDb } from '../db';

class CostSettingsState {
	prices = $state.raw<readonly Price[]>(DEFAULT_PRICES);
	defaultBudget = $state.raw<Budget | null>(null);
	#loading: Promise<void> | undefined;

	/** Loads the saved table the first time it is asked for. */
	load(): Promise<void> {
		return (this.#loading ??= this.refresh());
	}

	async refresh(): Promise<void> {
		const { costs } = await settingsRepo(await appDb()).get();
		this.prices = costs.prices;
		this.defaultBudget = costs.defaultBudget;
	}
}

export const costSettings = new CostSettingsState();
