// Reading and decorating the table diff2html drew: which line a click landed on, where a
// line's row is, and rows inserted under a line for comments (kept aligned side by side).
import { html } from 'diff2html';
import { ColorSchemeType } from 'diff2html/lib-esm/types.js';
import type { LineAnchor, LineSide } from './follow-up';
import type { DiffLayout } from './review-prefs.svelte';

/** diff2html escapes file names and line text in what it returns (tested with `<script>`). */
export function renderDiff(text: string, layout: DiffLayout): string {
	return html(text, {
		outputFormat: layout,
		drawFileList: false,
		matching: 'lines',
		// Follows prefers-color-scheme like theme.css; DiffReview maps its colours to the theme.
		colorScheme: ColorSchemeType.AUTO
	});
}

const DECORATION = 'pb-decoration';

type Side = { table: HTMLTableSectionElement; side: LineSide | 'both' };

function bodies(host: Element): HTMLTableSectionElement[] {
	return [...host.querySelectorAll<HTMLTableSectionElement>('tbody.d2h-diff-tbody')];
}

function numberIn(cell: Element | null | undefined): number | undefined {
	const text = cell?.textContent?.trim() ?? '';
	return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The line under a click inside a rendered segment, or null (hunk header, empty side). */
export function anchorAt(target: Element, host: Element, path: string): LineAnchor | null {
	const row = target.closest('tr');
	if (!row || !host.contains(row) || row.classList.contains(DECORATION)) return null;
	const lineText = row.querySelector('.d2h-code-line-ctn')?.textContent ?? '';
	const unified = row.querySelector('.d2h-code-linenumber');
	if (unified) {
		const newLine = numberIn(unified.querySelector('.line-num2'));
		const oldLine = numberIn(unified.querySelector('.line-num1'));
		if (newLine !== undefined) return { path, side: 'new', line: newLine, lineText };
		if (oldLine !== undefined) return { path, side: 'old', line: oldLine, lineText };
		return null;
	}
	const cell = row.querySelector('.d2h-code-side-linenumber');
	const line = numberIn(cell);
	if (!cell || line === undefined) return null;
	const [left, right] = bodies(host);
	if (row.parentElement === right) return { path, side: 'new', line, lineText };
	if (cell.classList.contains('d2h-del')) return { path, side: 'old', line, lineText };
	// An unchanged line clicked on the left: anchor it to its number in the new version.
	const mirror = right?.rows[row.sectionRowIndex];
	const newLine = numberIn(mirror?.querySelector('.d2h-code-side-linenumber'));
	return left && newLine !== undefined ? { path, side: 'new', line: newLine, lineText } : null;
}

/** The row showing `side`/`line` in a rendered segment. */
export function rowOf(host: Element, side: LineSide, line: number): HTMLTableRowElement | null {
	const tables = bodies(host);
	const sides: Side[] =
		tables.length === 2
			? [
					{ table: tables[0]!, side: 'old' },
					{ table: tables[1]!, side: 'new' }
				]
			: tables.map((table) => ({ table, side: 'both' }));
	for (const { table, side: tableSide } of sides) {
		if (tableSide !== 'both' && tableSide !== side) continue;
		for (const row of table.rows) {
			if (matches(row, tableSide, side, line)) return row;
		}
	}
	return null;
}

function matches(row: HTMLTableRowElement, table: Side['side'], side: LineSide, line: number) {
	if (table === 'both') {
		const cell = row.querySelector('.d2h-code-linenumber');
		const newLine = numberIn(cell?.querySelector('.line-num2'));
		if (side === 'new') return newLine === line;
		return newLine === undefined && numberIn(cell?.querySelector('.line-num1')) === line;
	}
	const cell = row.querySelector('.d2h-code-side-linenumber');
	if (numberIn(cell) !== line) return false;
	return side === 'new' || cell!.classList.contains('d2h-del');
}

/**
 * A full-width row under `row` (after any rows already inserted there) for a comment. Side by
 * side, the other table gets a spacer row of the same height so the two sides stay aligned.
 */
export function insertBelow(
	host: Element,
	row: HTMLTableRowElement
): { cell: HTMLElement; remove(): void } {
	const tables = bodies(host);
	const index = row.sectionRowIndex;
	const comment = decorationRow(row, 'pb-comment-row');
	const other = tables.length === 2 ? tables.find((t) => t !== row.parentElement) : undefined;
	const mirror = other?.rows[index];
	if (!mirror) return { cell: comment.cells[0]!, remove: () => comment.remove() };
	const spacer = decorationRow(mirror, 'pb-comment-spacer');
	const resize = new ResizeObserver(() => {
		spacer.style.height = `${comment.getBoundingClientRect().height}px`;
	});
	resize.observe(comment);
	return {
		cell: comment.cells[0]!,
		remove() {
			resize.disconnect();
			comment.remove();
			spacer.remove();
		}
	};
}

function decorationRow(after: HTMLTableRowElement, kind: string): HTMLTableRowElement {
	let anchor: Element = after;
	while (anchor.nextElementSibling?.classList.contains(DECORATION)) {
		anchor = anchor.nextElementSibling;
	}
	const row = document.createElement('tr');
	row.className = `${DECORATION} ${kind}`;
	const cell = row.insertCell();
	cell.colSpan = 2;
	anchor.after(row);
	return row;
}
