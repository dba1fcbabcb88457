import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwin, file, type Twin } from './fixture.ts';

const PATCH = [
	'*** Begin Patch',
	'*** Update File: src/app.ts',
	'@@',
	' export function greet() {',
	"-\treturn 'hi';",
	"+\treturn 'hello';",
	' }',
	'*** Add File: src/new.ts',
	'+export const added = 1;',
	'*** Delete File: notes.txt',
	'*** End Patch'
].join('\n');

const SUMMARY = 'Success. Updated the following files:\nA src/new.ts\nM src/app.ts\nD notes.txt\n';

describe('apply_patch as a shell command', () => {
	let twin: Twin;
	beforeEach(async () => {
		twin = await createTwin([
			file('notes.txt', 'remove me\n'),
			file('run.sh', '#!/bin/sh\necho one\n', '100755'),
			file('src/app.ts', "export function greet() {\n\treturn 'hi';\n}\n")
		]);
	});
	afterEach(() => twin.dispose());

	it('reads the patch from a heredoc', async () => {
		const lite = await twin.lite(`apply_patch <<'EOF'\n${PATCH}\nEOF`);
		expect(lite).toEqual({ stdout: SUMMARY, stderr: '', exitCode: 0 });
		expect((await twin.lite('git status --porcelain')).stdout).toBe(
			' D notes.txt\n M src/app.ts\n?? src/new.ts\n'
		);
		expect((await twin.lite('cat src/app.ts src/new.ts')).stdout).toBe(
			"export function greet() {\n\treturn 'hello';\n}\nexport const added = 1;\n"
		);
	});

	it('reads the patch from its argument', async () => {
		await twin.sandbox.writeFile('change.patch', PATCH);
		const lite = await twin.lite('apply_patch "$(cat change.patch)" && rm change.patch');
		expect(lite).toEqual({ stdout: SUMMARY, stderr: '', exitCode: 0 });
		expect((await twin.lite('git diff --stat')).stdout).toBe(
			' notes.txt  | 1 -\n src/app.ts | 2 +-\n 2 files changed, 1 insertion(+), 2 deletions(-)\n'
		);
	});

	it('is also there as applypatch', async () => {
		const lite = await twin.lite(`applypatch <<'EOF'\n${PATCH}\nEOF`);
		expect(lite.exitCode).toBe(0);
	});

	it('fails with the reason and the hint, and changes nothing', async () => {
		const bad = PATCH.replace("-\treturn 'hi';", "-\treturn 'bye';");
		const lite = await twin.lite(`apply_patch <<'EOF'\n${bad}\nEOF`);
		expect(lite).toEqual({
			stdout: '',
			stderr: [
				'Failed to find context in src/app.ts (hunk 1): expected lines:',
				'  export function greet() {',
				"  \treturn 'bye';",
				'  }',
				'Nothing was changed. Read the file again and copy the context and removed lines from it exactly.',
				''
			].join('\n'),
			exitCode: 1
		});
		expect((await twin.lite('git status --porcelain')).stdout).toBe('');
	});

	it('resolves paths from the working directory, as Codex does', async () => {
		const patch =
			"*** Begin Patch\n*** Update File: app.ts\n@@\n-\treturn 'hi';\n+\treturn 42;\n*** End Patch";
		const lite = await twin.lite(`cd src && apply_patch <<'EOF'\n${patch}\nEOF`);
		expect(lite).toEqual({
			stdout: 'Success. Updated the following files:\nM app.ts\n',
			stderr: '',
			exitCode: 0
		});
		expect((await twin.lite('git status --porcelain')).stdout).toBe(' M src/app.ts\n');
	});

	it('keeps an executable file executable', async () => {
		const patch =
			'*** Begin Patch\n*** Update File: run.sh\n@@\n-echo one\n+echo two\n*** End Patch';
		await twin.lite(`apply_patch <<'EOF'\n${patch}\nEOF`);
		// Real bash keeps the mode of a file it rewrites.
		twin.real("printf '#!/bin/sh\\necho two\\n' > run.sh");
		const real = twin.real('git diff');
		expect(real.stdout).toContain('100755');
		expect((await twin.lite('git diff')).stdout).toBe(real.stdout);
	});

	it('says how to pass a patch when given none', async () => {
		const lite = await twin.lite('apply_patch < /dev/null');
		expect([lite.exitCode, lite.stderr.split('\n')[0]]).toEqual([
			2,
			"apply_patch: no patch given. Pass it as the one argument or on stdin: apply_patch <<'EOF'"
		]);
	});
});
