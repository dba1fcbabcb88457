// What real git says of an object store a checkout wrote (through lightning-fs or any
// PromiseFsClient): its packs and loose objects copied into a scratch bare repository, `git fsck
// --full --strict` run over them (every object's zlib stream and id, every pack's and index's
// checksum, every tree well formed), and the files of a tree as git reads them from that store.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';
import type { FilesByPath } from './git-says.ts';
import { gitSays } from './git-says.ts';

export async function storeSays(fs: PromiseFsClient, gitdir: string, tree: string) {
	const dir = mkdtempSync(join(tmpdir(), 'store-says-'));
	try {
		execFileSync('git', ['init', '--quiet', '--bare', dir]);
		const read = async (path: string) => (await fs.promises.readdir(path)) as string[];
		const objects = `${gitdir}/objects`;
		for (const name of await read(objects)) {
			if (name === 'info') continue;
			mkdirSync(join(dir, 'objects', name), { recursive: true });
			for (const file of await read(`${objects}/${name}`))
				writeFileSync(
					join(dir, 'objects', name, file),
					(await fs.promises.readFile(`${objects}/${name}/${file}`)) as Uint8Array
				);
		}
		// A ref to the tree, so fsck sees it reachable and ls-tree can name it.
		const commit = execFileSync('git', ['--git-dir', dir, 'commit-tree', tree, '-m', 'store'], {
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 't',
				GIT_AUTHOR_EMAIL: 't@t',
				GIT_COMMITTER_NAME: 't',
				GIT_COMMITTER_EMAIL: 't@t'
			}
		}).trim();
		execFileSync('git', ['--git-dir', dir, 'update-ref', 'refs/heads/main', commit]);
		const fsck = execFileSync(
			'git',
			['--git-dir', dir, 'fsck', '--full', '--strict', '--no-dangling'],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		const packs = (await read(`${objects}/pack`).catch(() => [])).filter((f) =>
			f.endsWith('.pack')
		);
		const files: FilesByPath = gitSays(dir).files;
		return { fsck, packs: packs.length, files };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
