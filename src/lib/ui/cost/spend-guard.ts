// The task budget as the agent loop asks for it: before every request, read the task's budget as
// it is now (the task page may have raised it), what this attempt spent before this run, and —
// when attempts share the budget — what the task's other attempts spent so far, live or stored.
import type { SpendGuard } from '$lib/core/agent';
import { budgetCheck, spentOf, usageEventsOf, type Budget } from '$lib/core/cost';
import { attemptsRepo, tasksRepo } from '$lib/core/store';
import type { AttemptLogEntry } from '$lib/core/tasks';
import { appDb } from '../db';
import { attemptsStore } from '../tasks/attempts-store.svelte';
import { costSettings } from './cost-settings.svelte';

export function taskSpendGuard(
	taskId: string,
	attemptId: string,
	model: { model: string; baseURL: string }
): SpendGuard {
	const where = { model: model.model, endpoint: originOf(model.baseURL) };
	/** This attempt's log before this run, read at the first check (this run had spent nothing). */
	let before: Promise<AttemptLogEntry[]> | undefined;
	return {
		async check(spent, next) {
			const db = await appDb();
			const task = await tasksRepo(db).get(taskId);
			const budget = task?.budget;
			if (!task || !budget) return null;
			await costSettings.refresh();
			const prices = costSettings.prices;
			before ??= entriesOf(attemptId);
			const logs = [await before];
			if (task.budgetSplit !== 'split') {
				const others = (await attemptsRepo(db).all()).filter(
					(a) => a.taskId === taskId && a.id !== attemptId
				);
				logs.push(...(await Promise.all(others.map((a) => entriesOf(a.id)))));
			}
			const spentBefore = spentOf(usageEventsOf(logs.flat()), budget.unit, prices);
			if (spentBefore === null) return unpricedEarlier(budget);
			const share = task.budgetSplit === 'split' ? 1 / Math.max(1, task.attemptCount) : 1;
			return budgetCheck({ budget, share, prices, where, spentBefore }, spent, next);
		}
	};
}

async function entriesOf(attemptId: string): Promise<AttemptLogEntry[]> {
	const live = attemptsStore.liveEntries(attemptId);
	if (live) return [...live];
	return (await attemptsStore.readLog(attemptId)).map((record) => record.entry);
}

function unpricedEarlier(budget: Budget): string {
	return budget.unit === 'usd'
		? 'earlier turns ran on a model with no price, so a dollar budget cannot be kept — add its price in Settings → Costs, or set a token budget'
		: 'the spend so far could not be read';
}

function originOf(baseURL: string): string | undefined {
	try {
		return new URL(baseURL).origin;
	} catch {
		return undefined;
	}
}
