// The prices Patchbay ships with, dollars per million tokens, each beside the page it was read
// from and the day. Only prices read on the provider's own page are here: a model missing from
// this list shows its tokens and no cost, which beats a figure that is wrong. Settings → Costs
// edits a copy of this table.
import type { Price } from './types.ts';

const CHECKED = '2026-12-05';
const openai = (id: string) => `developers.openai.com/api/docs/models/${id}`;
const ANTHROPIC = 'platform.claude.com/docs/en/docs/about-claude/pricing';
const COPILOT = 'github/docs data/tables/copilot/models-and-pricing.yml (OpenAI list prices)';
const openrouter = (id: string) => `openrouter.ai/${id}`;

export const DEFAULT_PRICES: readonly Price[] = [
	// OpenAI
	{
		model: 'gpt-5-codex',
		input: 1.25,
		cachedInput: 0.125,
		output: 10,
		source: openai('gpt-5-codex')
	},
	{ model: 'gpt-5-mini', input: 0.25, cachedInput: 0.025, output: 2, source: openai('gpt-5-mini') },
	{
		model: 'gpt-5-nano',
		input: 0.05,
		cachedInput: 0.005,
		output: 0.4,
		source: openai('gpt-5-nano')
	},
	{ model: 'gpt-4.1', input: 2, cachedInput: 0.5, output: 8, source: COPILOT },
	// Anthropic, by the ids of its OpenAI-compatible endpoint
	{ model: 'claude-opus-4-6', input: 5, cachedInput: 0.5, output: 25, source: ANTHROPIC },
	{ model: 'claude-opus-4-5', input: 5, cachedInput: 0.5, output: 25, source: ANTHROPIC },
	{ model: 'claude-opus-4-1', input: 15, cachedInput: 1.5, output: 75, source: ANTHROPIC },
	{ model: 'claude-sonnet-4-6', input: 3, cachedInput: 0.3, output: 15, source: ANTHROPIC },
	{ model: 'claude-sonnet-4-5', input: 3, cachedInput: 0.3, output: 15, source: ANTHROPIC },
	{ model: 'claude-sonnet-4-0', input: 3, cachedInput: 0.3, output: 15, source: ANTHROPIC },
	{ model: 'claude-haiku-4-5', input: 1, cachedInput: 0.1, output: 5, source: ANTHROPIC },
	// OpenRouter's ids; its pages list no cached rate, so cached tokens count at the input price
	{ model: 'openai/gpt-5-mini', input: 0.25, output: 2, source: openrouter('openai/gpt-5-mini') },
	{ model: 'openai/gpt-4o', input: 2.5, output: 10, source: openrouter('openai/gpt-4o') },
	{
		model: 'openai/o4-mini-high',
		input: 1.1,
		output: 4.4,
		source: openrouter('openai/o4-mini-high')
	},
	{
		model: 'anthropic/claude-sonnet-4.5',
		input: 3,
		output: 15,
		source: openrouter('anthropic/claude-sonnet-4.5')
	},
	{
		model: 'anthropic/claude-3.5-sonnet',
		input: 3,
		output: 15,
		source: openrouter('anthropic/claude-3.5-sonnet')
	}
].map((price) => ({ ...price, checked: CHECKED }));
