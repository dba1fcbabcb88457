// Renders diff segments only when they come near the viewport, a few per slice of time, so a
// review of thousands of lines never blocks the page for long.

type Job = { run(): void; cancelled: boolean };

export type LazyRendererOptions = {
	/** How far outside the viewport a segment counts as near (CSS margin syntax). */
	rootMargin?: string;
	/** Work per slice before yielding to the browser, in ms. */
	budgetMs?: number;
};

export class LazyRenderer {
	#observer: IntersectionObserver | undefined;
	#watchers = new Map<Element, (near: boolean) => void>();
	#queue: Job[] = [];
	#pumping = false;
	#budgetMs: number;

	constructor(options: LazyRendererOptions = {}) {
		this.#budgetMs = options.budgetMs ?? 12;
		if (typeof IntersectionObserver === 'undefined') return;
		this.#observer = new IntersectionObserver(
			(entries) => {
				for (const entry of entries) this.#watchers.get(entry.target)?.(entry.isIntersecting);
			},
			{ rootMargin: options.rootMargin ?? '600px 0px' }
		);
	}

	/** Calls `onChange` whenever `element` comes near the viewport or leaves; returns unwatch. */
	watch(element: Element, onChange: (near: boolean) => void): () => void {
		if (!this.#observer) {
			onChange(true); // no observer (old browser): render everything, slowly but surely
			return () => {};
		}
		this.#watchers.set(element, onChange);
		this.#observer.observe(element);
		return () => {
			this.#watchers.delete(element);
			this.#observer?.unobserve(element);
		};
	}

	/** Runs `run` in a later slice, in the order asked; returns a cancel function. */
	schedule(run: () => void): () => void {
		const job: Job = { run, cancelled: false };
		this.#queue.push(job);
		this.#pump();
		return () => {
			job.cancelled = true;
		};
	}

	destroy() {
		this.#observer?.disconnect();
		this.#watchers.clear();
		for (const job of this.#queue) job.cancelled = true;
		this.#queue = [];
	}

	#pump() {
		if (this.#pumping) return;
		this.#pumping = true;
		yieldToBrowser(() => this.#slice());
	}

	#slice() {
		const start = performance.now();
		while (this.#queue.length > 0 && performance.now() - start < this.#budgetMs) {
			const job = this.#queue.shift()!;
			if (!job.cancelled) job.run();
		}
		if (this.#queue.length === 0) this.#pumping = false;
		else yieldToBrowser(() => this.#slice());
	}
}

/**
 * Runs `next` in a new macrotask, so the browser can paint and handle input first; returns a
 * cancel function. MessageChannel rather than setTimeout: nested timeouts are clamped to
 * 4 ms, and hidden tabs throttle them.
 */
export function yieldToBrowser(next: () => void): () => void {
	const channel = new MessageChannel();
	let cancelled = false;
	channel.port1.onmessage = () => {
		channel.port1.close();
		if (!cancelled) next();
	};
	channel.port2.postMessage(null);
	return () => {
		cancelled = true;
		channel.port1.close();
	};
}
