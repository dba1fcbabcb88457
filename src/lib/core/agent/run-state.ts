// One run's mutable state and its limits: the conversation, counters, and the signals that stop
// it (the user's cancel and the wall-clock budget, told apart so the end says which).
import { contextWindowOf } from '../model/context-window.ts';
import type { Message, ToolSpec, Usage } from '../model/types.ts';
import type { AgentInput, Budgets, FinalReason, Tool } from './types.ts';

export const DEFAULT_BUDGETS: Budgets = {
	maxTurns: 50,
	maxWallMs: 30 * 60_000,
	maxTokens: 2_000_000
};

export type RunState = {
	readonly input: AgentInput;
	readonly budgets: Budgets;
	/** The tools this mode offers, by name. */
	readonly tools: ReadonlyMap<string, Tool>;
	readonly specs: ToolSpec[];
	readonly contextWindow: number;
	/** Aborts on cancel or when the wall-clock budget runs out. */
	readonly signal: AbortSignal;
	readonly startedAt: number;
	messages: Message[];
	turn: number;
	toolCalls: number;
	total: Usage;
	/** Each reply's usage in this run, in order. */
	usages: Usage[];
	/**
	 * How many messages the last reply's usage covers (its prompt and its own reply); what came
	 * after is new to the next request. -1 when compaction rewrote the history since.
	 */
	covered: number;
	/** Why the run stopped for its budget, once it did. */
	budgetNote?: string;
	/** The model's text of the latest turn that had any. */
	lastText: string;
	/** Clears the wall-clock timer. */
	dispose(): void;
	/** Why the run must stop now, if a signal says so. */
	interruption(): Extract<FinalReason, 'cancelled' | 'max_wall_time'> | null;
};

export function startRun(input: AgentInput, userSignal: AbortSignal): RunState {
	const budgets = { ...DEFAULT_BUDGETS, ...input.budgets };
	const wall = new AbortController();
	const timer = setTimeout(() => wall.abort(), budgets.maxWallMs);
	const tools = new Map(
		[...input.tools].filter(([, tool]) => input.mode === 'code' || !tool.writesFiles)
	);
	return {
		input,
		budgets,
		tools,
		specs: [...tools.values()].map(({ name, description, parameters, foreignSchema }) => ({
			name,
			description,
			parameters: foreignSchema?.schema ?? parameters
		})),
		contextWindow: input.contextWindow ?? contextWindowOf(input.model.model),
		signal: AbortSignal.any([userSignal, wall.signal]),
		startedAt: performance.now(),
		messages: [...input.messages],
		turn: 0,
		toolCalls: 0,
		total: { promptTokens: 0, completionTokens: 0 },
		usages: [],
		covered: -1,
		lastText: '',
		dispose: () => clearTimeout(timer),
		interruption: () =>
			userSignal.aborted ? 'cancelled' : wall.signal.aborted ? 'max_wall_time' : null
	};
}

/** Why the run must not start another turn, or null. */
export function stopBeforeTurn(run: RunState): FinalReason | null {
	return run.interruption() ?? (run.turn >= run.budgets.maxTurns ? 'max_turns' : null);
}

export function tokensSpent(run: RunState): number {
	return run.total.promptTokens + run.total.completionTokens;
}

export function endMessage(run: RunState, reason: FinalReason): string {
	const { maxTurns, maxWallMs, maxTokens } = run.budgets;
	switch (reason) {
		case 'done':
			return 'The agent finished.';
		case 'max_turns':
			return `Stopped after ${run.turn} turns: the limit is ${maxTurns}.`;
		case 'max_wall_time':
			return `Stopped: the time limit of ${formatDuration(maxWallMs)} was reached.`;
		case 'max_tokens':
			return `Stopped after ${tokensSpent(run)} tokens: the limit is ${maxTokens}.`;
		case 'budget':
			return `Budget reached: ${run.budgetNote ?? 'the next turn would cross it'}. The work so far is kept; a follow-up with a raised budget goes on.`;
		case 'cancelled':
			return 'Cancelled.';
		case 'error':
			return 'Stopped: the model could not be reached or refused the request.';
		case 'length':
			return "Stopped: the model's reply was cut off at its output limit.";
	}
}

function formatDuration(ms: number): string {
	return ms < 60_000 ? `${+(ms / 1000).toFixed(1)} s` : `${+(ms / 60_000).toFixed(1)} min`;
}
