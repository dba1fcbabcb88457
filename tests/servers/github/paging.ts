// GitHub's list paging: `per_page` (default 30, at most 100) and `page`, with a Link header
// that clients such as octokit.paginate follow.
import type { Context } from './context.ts';

export type Page<T> = { items: T[]; headers: Record<string, string> };

function positive(value: string | null, fallback: number): number {
	const number = Number(value);
	return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function paginate<T>(ctx: Context, all: T[]): Page<T> {
	const perPage = Math.min(100, positive(ctx.query.get('per_page'), 30));
	const page = positive(ctx.query.get('page'), 1);
	const lastPage = Math.max(1, Math.ceil(all.length / perPage));
	const items = all.slice((page - 1) * perPage, page * perPage);
	const link = (target: number, rel: string): string => {
		const query = new URLSearchParams(ctx.query);
		query.set('per_page', String(perPage));
		query.set('page', String(target));
		return `<${ctx.base}${ctx.pathname}?${query}>; rel="${rel}"`;
	};
	const links: string[] = [];
	if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
	if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
	if (page > 1) links.push(link(1, 'first'));
	return { items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
