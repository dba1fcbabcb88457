// What a model's tokens cost: a price per million tokens for each kind, in US dollars.

export type Price = {
	/** The model id as requests name it (`gpt-5-mini`, `anthropic/claude-sonnet-4.5`). */
	model: string;
	/** Dollars per million prompt tokens not served from the provider's cache. */
	input: number;
	/** Dollars per million cached prompt tokens; absent means they cost the input price. */
	cachedInput?: number;
	/** Dollars per million completion tokens, reasoning tokens included. */
	output: number;
	/** Where the price was read, and when (YYYY-MM-DD). */
	source?: string;
	checked?: string;
};

/** What one reply cost: a price, nothing (a local model), or unknown (no price for its model). */
export type Charge = { kind: 'priced'; usd: number } | { kind: 'free' } | { kind: 'unknown' };

/** A per-task limit: dollars, or prompt plus completion tokens. */
export type Budget = { unit: 'usd' | 'tokens'; limit: number };
