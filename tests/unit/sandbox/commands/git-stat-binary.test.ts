// `--stat` of binary files as git prints it: sizes for a changed one, plain `Bin` for one
// renamed with the same contents (git counts no bytes then), in one table.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTwin, expectSame, file, type Twin } from './fixture.ts';

const image = (n: number) => Uint8Array.from({ length: 300 + n }, (_, i) => (i * 7 + n) % 256);

describe('git diff --stat of binary files', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([file('logo.png', image(0)), file('shot.png', image(1))]);
		await twin.edit('mkdir media && mv logo.png media/logo.png');
		await twin.sandbox.writeFile('shot.png', image(2));
		writeFileSync(`${twin.dir}/shot.png`, image(2));
	});
	afterAll(() => twin.dispose());

	it.each(['--stat', '--numstat', '--shortstat', '--summary'])(
		'git diff --cached %s matches git add -A',
		async (flag) => {
			await expectSame(
				twin,
				`git diff --cached ${flag}`,
				'',
				`git add -A && git diff --cached ${flag}`
			);
		}
	);
});
