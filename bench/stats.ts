// Medians of repeated runs, and the figures the table and results.json are made of.

export type Budget = { text: string; limit: number; unit: string };

export type Figure = {
	benchmark: string;
	name: string;
	unit: 'ms' | 'MB' | 'KB' | 'x' | '%';
	value: number;
	/** The native (or other) reference measured in the same run, when there is one. */
	reference?: { label: string; value: number };
	/** value ÷ reference. */
	ratio?: number;
	budget?: Budget & { met: boolean; by: number };
	samples?: number[];
	note?: string;
};

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type RunCounts = { warmup: number; runs: number };

/** Runs `once` warm-up times unrecorded, then `runs` times; each result is kept. */
export async function repeat<T>(
	counts: RunCounts,
	once: (run: number) => Promise<T>
): Promise<T[]> {
	for (let i = 0; i < counts.warmup; i++) await once(-1 - i);
	const results: T[] = [];
	for (let i = 0; i < counts.runs; i++) results.push(await once(i));
	return results;
}

type FigureInput = Omit<Figure, 'ratio' | 'budget' | 'value'> & {
	samples: number[];
	budget?: Budget;
	/** Budget compares `value × budgetFactor` (e.g. a ratio budget over a ms figure). */
	budgetOn?: 'value' | 'ratio';
};

/** A figure from its samples: the median, the ratio to its reference, and how it meets a budget. */
export function figure(input: FigureInput): Figure {
	const { budgetOn = 'value', budget, ...rest } = input;
	const value = round(median(input.samples));
	const reference = input.reference && { ...input.reference, value: round(input.reference.value) };
	const ratio = reference?.value ? round(value / reference.value, 2) : undefined;
	const compared = budgetOn === 'ratio' ? ratio : value;
	return {
		...rest,
		...(reference ? { reference } : {}),
		samples: input.samples.map((s) => round(s)),
		value,
		...(ratio !== undefined ? { ratio } : {}),
		...(budget && compared !== undefined
			? {
					budget: {
						...budget,
						met: compared <= budget.limit,
						by: round(compared - budget.limit, 2)
					}
				}
			: {})
	};
}

export function round(value: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

const show = (value: number, unit: string) =>
	unit === 'x' ? `${round(value, 2)}×` : `${round(value).toLocaleString('en-US')} ${unit}`;

/** A Markdown table cell: a `|` in the text would end the cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The table printed at the end and put in the README: one row a figure. */
export function table(figures: Figure[]): string {
	const rows = figures.map((f) => [
		f.benchmark,
		f.name,
		show(f.value, f.unit),
		f.reference ? `${show(f.reference.value, f.unit)} (${f.reference.label})` : '—',
		f.ratio !== undefined ? `${f.ratio}×` : '—',
		String(f.samples?.length ?? 1),
		f.budget
			? `${f.budget.text}: ${f.budget.met ? 'met' : `missed by ${show(f.budget.by, f.budget.unit)}`}`
			: ''
	]);
	const head = ['benchmark', 'figure', 'browser', 'reference', 'ratio', 'runs', 'budget'];
	const lines = [head, head.map(() => '---'), ...rows].map(
		(cells) => `| ${cells.map(cell).join(' | ')} |`
	);
	return lines.join('\n');
}
