// A share link carries a patch with text that is not UTF-8 (surrogate-escaped in the string):
// built, encoded, decoded, it is the same string, and its bytes still apply with the real git.
import { afterAll, describe, expect, it } from 'vitest';
import {
	escapedBytes,
	formatPatch,
	hasEscapedBytes,
	type FileChange,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import {
	decodeShare,
	encodeShare,
	shareSize,
	toSharedTask
} from '../../../src/lib/core/share/index.ts';
import { firstFiles } from '../../../src/lib/ui/share/shared-patch.ts';
import { commitTree, git, readTree, removeDir } from '../diff/git-repo.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const latin1 = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));
const before: SandboxFile[] = [
	{ path: 'notes.txt', mode: '100644', bytes: latin1('caf\xe9\r\ncr\xe8me\r\nbad \xc3\r\n') }
];
const after = latin1('caf\xe9\r\ncr\xe8me br\xfbl\xe9e\r\nbad \xc3\xff\r\n');
const changes: FileChange[] = [
	{ path: 'notes.txt', before: before[0]!.bytes, after },
	{ path: 'nouveau.txt', before: null, after: latin1('\xa1s\xed!\n') }
];

describe('a shared patch with text that is not UTF-8', () => {
	it('comes back from the link as the same string, whose bytes git applies', () => {
		const patch = formatPatch(changes);
		expect(hasEscapedBytes(patch)).toBe(true);
		const shared = toSharedTask(
			{
				environment: {
					repoUrl: 'https://example.com/acme/demo.git',
					setupScript: '',
					envVars: [{ name: 'TOKEN', value: 'not-in-the-patch-1234' }],
					setupSecrets: [],
					agentPolicy: { access: 'off', preset: 'none', domains: [], methods: 'read' },
					runtime: 'auto'
				},
				task: { title: 'Edit notes', prompt: 'Edit notes', mode: 'code', branch: 'main' },
				result: { summary: 'Edited.', patch }
			},
			{}
		);
		expect(shared.result?.patch).toBe(patch);
		const link = encodeShare(shared);
		expect(shareSize(link).fits).toBe(true);
		const decoded = decodeShare(link).result?.patch ?? '';
		expect(decoded).toBe(patch);
		// What the share page shows is cut from the same string.
		expect(firstFiles(decoded).patch).toBe(patch);

		const dir = commitTree(before);
		dirs.push(dir);
		git(dir, ['apply', '--check', '-'], escapedBytes(decoded));
		git(dir, ['apply', '-'], escapedBytes(decoded));
		const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
		expect(readTree(dir).map((f) => [f.path, hex(f.bytes)])).toEqual([
			['notes.txt', hex(after)],
			['nouveau.txt', hex(changes[1]!.after!)]
		]);
	});
});
