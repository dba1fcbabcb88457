// The arithmetic of a reply's cost. OpenAI counts cached tokens inside the prompt tokens and
// reasoning tokens inside the completion tokens, so each token is priced exactly once: the
// cached part of the prompt at the cached rate, the rest at the input rate, the whole completion
// at the output rate.
import type { Usage } from '../model/index.ts';
import { isLocalHost } from '../network/local-address.ts';
import type { Charge, Price } from './types.ts';

const PER_MILLION = 1_000_000;

export function costOfUsage(usage: Usage, price: Price): number {
	const cached = Math.min(Math.max(usage.cachedTokens ?? 0, 0), usage.promptTokens);
	const fresh = usage.promptTokens - cached;
	const dollars =
		fresh * price.input +
		cached * (price.cachedInput ?? price.input) +
		usage.completionTokens * price.output;
	return roundUsd(dollars / PER_MILLION);
}

/** Sums of binary fractions drift ($0.036000000000000004): money is kept to 1e-10 dollars. */
export function roundUsd(usd: number): number {
	return Math.round(usd * 1e10) / 1e10;
}

/** The price of `model`, matched on the whole id, ignoring case: a near miss is not a price. */
export function priceOf(prices: readonly Price[], model: string): Price | undefined {
	const id = model.trim().toLowerCase();
	return prices.find((price) => price.model.trim().toLowerCase() === id);
}

/** Whether the server runs on this machine or network, where tokens cost nothing. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
	if (!endpoint) return false;
	try {
		return isLocalHost(new URL(endpoint).hostname);
	} catch {
		return false;
	}
}

/**
 * What one reply cost. A listed price applies wherever the model runs (a local proxy in front of
 * a hosted model still bills); an unlisted model is free on a local server and unknown elsewhere.
 */
export function chargeOf(
	usage: Usage,
	where: { model: string; endpoint?: string },
	prices: readonly Price[]
): Charge {
	const price = priceOf(prices, where.model);
	if (price) return { kind: 'priced', usd: costOfUsage(usage, price) };
	return isLocalEndpoint(where.endpoint) ? { kind: 'free' } : { kind: 'unknown' };
}
