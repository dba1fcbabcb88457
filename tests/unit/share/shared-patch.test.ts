// The share page shows a patch up to MAX_SHOWN_FILES files, cut at a file's header.
import { describe, expect, it } from 'vitest';
import { firstFiles, MAX_SHOWN_FILES } from '../../../src/lib/ui/share/shared-patch.ts';

const file = (index: number) =>
	`diff --git a/f${index}.txt b/f${index}.txt\n--- a/f${index}.txt\n+++ b/f${index}.txt\n@@ -1 +1 @@\n-diff --git a/x b/x\n+x\n`;
const patchOf = (count: number) =>
	Array.from({ length: count }, (_, index) => file(index)).join('');

describe('firstFiles', () => {
	it('keeps a patch within the limit whole', () => {
		const patch = patchOf(3);
		expect(firstFiles(patch, 3)).toStrictEqual({ patch, files: 3, shown: 3 });
		expect(firstFiles('', 3)).toStrictEqual({ patch: '', files: 0, shown: 0 });
	});

	it('cuts a longer one at the header of the first file left out', () => {
		expect(firstFiles(patchOf(5), 2)).toStrictEqual({ patch: patchOf(2), files: 5, shown: 2 });
	});

	it('ignores text before the first header, as git apply does, and counts from there', () => {
		const patch = `From the agent\n\n${patchOf(2)}`;
		expect(firstFiles(patch, 1)).toStrictEqual({
			patch: `From the agent\n\n${patchOf(1)}`,
			files: 2,
			shown: 1
		});
	});

	it('shows at most MAX_SHOWN_FILES of 20,000 one-line files', () => {
		const { patch, files, shown } = firstFiles(patchOf(20_000));
		expect({ same: patch === patchOf(MAX_SHOWN_FILES), files, shown }).toStrictEqual({
			same: true,
			files: 20_000,
			shown: MAX_SHOWN_FILES
		});
	});
});
