// Text in any encoding, as git diffs it: UTF-8 shown as text, a Latin-1 file counted in lines
// (binary is only a NUL near the start), and its patch kept byte for byte in a redirect.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin, expectSame, file, type Twin } from './fixture.ts';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('git diff of UTF-8 and Latin-1 files', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([
			file('cafe.md', 'Café au lait\nsecond line\n'),
			file('legacy.txt', latin1('caf\xe9\nna\xefve\n'))
		]);
		await twin.edit("printf 'Café crème\\nsecond line\\n' > cafe.md");
		// Bytes written as they are on both sides (a shell's printf may re-encode \xe9).
		const edited = latin1('caf\xe9\nna\xefve\nd\xe9j\xe0\n');
		writeFileSync(`${twin.dir}/legacy.txt`, edited);
		await twin.sandbox.writeFile('legacy.txt', edited);
	});
	afterAll(() => twin.dispose());

	it.each(['git diff -- cafe.md', 'git diff --stat', 'git diff --numstat', 'git show --stat'])(
		'%s matches git',
		async (command) => {
			await expectSame(twin, command);
		}
	);

	it('writes the Latin-1 patch byte for byte into a file', async () => {
		await twin.lite('git diff -- legacy.txt > out.patch');
		const real = twin.real('git diff -- legacy.txt | od -An -tx1').stdout;
		const lite = await twin.sandbox.readFile('out.patch');
		const hex = Array.from(lite ?? [], (b) => b.toString(16).padStart(2, '0')).join(' ');
		expect(hex).toBe(real.trim().split(/\s+/).join(' '));
	});
});
