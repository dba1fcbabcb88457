import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blobOid, blobOidSync, hashBlob } from '../../../src/lib/core/diff/index.ts';
import { git, removeDir, tempDir } from './git-repo.ts';

const reference = (bytes: Uint8Array) =>
	createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

describe('blob ids', () => {
	it('match `git hash-object` around SHA-1 padding boundaries and for a large file', async () => {
		const dir = tempDir();
		const sizes = [0, 1, 47, 48, 55, 56, 63, 64, 65, 119, 120, 1 << 20];
		const blobs = sizes.map((size) => new Uint8Array(size).map((_, i) => (i * 31 + size) & 255));
		const fromGit = blobs.map((bytes) => git(dir, ['hash-object', '--stdin'], bytes).trim());
		removeDir(dir);
		expect(blobs.map(blobOidSync)).toEqual(fromGit);
		expect(await Promise.all(blobs.map(blobOid))).toEqual(fromGit);
		expect(await Promise.all(blobs.map(hashBlob))).toEqual(fromGit);
	});

	it('agree with node:crypto for any content', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
				expect([blobOidSync(bytes), await blobOid(bytes)]).toEqual([
					reference(bytes),
					reference(bytes)
				]);
			}),
			{ numRuns: 200 }
		);
	});
});
