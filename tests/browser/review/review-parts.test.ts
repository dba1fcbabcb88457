// PatchExport, AttemptCompare and a read-only DiffReview, mounted in real Chromium.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diffStats, formatPatch, type FileStat } from '../../../src/lib/core/diff/index.ts';
import AttemptCompare from '../../../src/lib/ui/review/AttemptCompare.svelte';
import DiffReview from '../../../src/lib/ui/review/DiffReview.svelte';
import PatchExport from '../../../src/lib/ui/review/PatchExport.svelte';
import '../../../src/lib/ui/theme.css';

const encode = (value: string) => new TextEncoder().encode(value);
const mounted: ReturnType<typeof mount>[] = [];
const buttonNamed = (name: string) =>
	[...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

afterEach(() => {
	mounted.splice(0).forEach((app) => unmount(app));
	vi.restoreAllMocks();
});

describe('PatchExport', () => {
	const patch = formatPatch([
		{ path: 'a.txt', before: encode('PATCHBAY_EOF\n'), after: encode('changed\n') }
	]);

	it('downloads the patch as patchbay-<slug>.patch', async () => {
		const clicks: { name: string; text: Promise<string> }[] = [];
		vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
			this: HTMLAnchorElement
		) {
			clicks.push({ name: this.download, text: fetch(this.href).then((r) => r.text()) });
		});
		mounted.push(
			mount(PatchExport, { target: document.body, props: { patch, title: 'Fix login' } })
		);
		flushSync();
		buttonNamed('Download .patch').click();
		expect(clicks.map((c) => c.name)).toEqual(['patchbay-fix-login.patch']);
		expect(await clicks[0]!.text).toBe(patch);
	});

	it('copies a git apply command and says so', async () => {
		const writeText = vi.fn((_text: string) => Promise.resolve());
		vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
		mounted.push(mount(PatchExport, { target: document.body, props: { patch, title: 'x' } }));
		flushSync();
		buttonNamed('Copy git apply command').click();
		await vi.waitFor(() => expect(document.querySelector('.copied')!.textContent).toBe('Copied'));
		expect(writeText.mock.calls).toEqual([
			[`git apply <<'PATCHBAY_EOF_1'\n${patch}PATCHBAY_EOF_1\n`]
		]);
	});

	it('explains a refused copy', async () => {
		const writeText = () => Promise.reject(new Error('Write permission denied.'));
		vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
		mounted.push(mount(PatchExport, { target: document.body, props: { patch, title: 'x' } }));
		flushSync();
		buttonNamed('Copy git apply command').click();
		await vi.waitFor(() => expect(document.querySelector('[role="alert"]')).not.toBeNull());
		expect(document.querySelector('[role="alert"]')!.textContent).toBe(
			'Could not copy to the clipboard (Write permission denied.). Download the patch instead.'
		);
	});
});

describe('AttemptCompare', () => {
	const stat = (path: string, additions: number, deletions: number): FileStat => ({
		path,
		status: 'modified',
		additions,
		deletions,
		binary: false
	});

	it('shows which files each attempt changed, totals, and reports the choice', () => {
		const chosen: number[] = [];
		mounted.push(
			mount(AttemptCompare, {
				target: document.body,
				props: {
					attempts: [
						{ label: 'Attempt 1', stats: [stat('b.ts', 3, 1), stat('a.ts', 1, 0)] },
						{ label: 'Attempt 2', stats: [stat('a.ts', 10, 2)] },
						{ label: 'Attempt 3', stats: [] }
					],
					onChoose: (index: number) => void chosen.push(index)
				}
			})
		);
		flushSync();
		const rows = [...document.querySelectorAll('[data-testid="attempt-compare"] tr')].map((tr) =>
			[...tr.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())
		);
		expect(rows).toEqual([
			['File', 'Attempt 1', 'Attempt 2', 'Attempt 3'],
			['a.ts', 'M +1 −0', 'M +10 −2', '—'],
			['b.ts', 'M +3 −1', '—', '—'],
			['Total', '2 files +4 −1', '1 file +10 −2', 'No changes'],
			['', 'Choose', 'Choose', 'Choose']
		]);
		document.querySelector<HTMLButtonElement>('button[aria-label="Choose Attempt 2"]')!.click();
		expect(chosen).toEqual([1]);
	});
});

describe('DiffReview without stats, read-only', () => {
	it('derives the file list from the patch and offers no sending', async () => {
		const changes = [
			{ path: 'img.png', before: null, after: new Uint8Array([0, 1, 2]) },
			{ path: 'new.txt', oldPath: 'old.txt', before: encode('same\n'), after: encode('same\n') }
		];
		mounted.push(
			mount(DiffReview, {
				target: document.body,
				props: { patch: formatPatch(changes), attemptId: 'read-only' }
			})
		);
		flushSync();
		const files = [...document.querySelectorAll('[data-testid="review-file"]')];
		expect(files.map((f) => f.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
			'▾ img.png A binary Viewed Binary file not shown.',
			'▾ old.txt → new.txt R +0 −0 Viewed Renamed from old.txt without changes.'
		]);
		expect(diffStats(changes).map((s) => s.status)).toEqual(['added', 'renamed']);
		expect(document.body.textContent).not.toContain('Send');
	});
});
