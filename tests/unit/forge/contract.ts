// One contract every forge keeps, run against each implementation over its local peer: look a
// repository up, read a branch, check it out, push (create, retry without a duplicate, fast-forward a
// follow-up), open and then update one change request, and name a missing repository.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import type { Forge } from '../../../src/lib/core/forge/index.ts';
import { expectedTree } from './expected-tree.ts';
import { gitSays, type FilesByPath } from './git-says.ts';
import type { FixtureCopy } from './peers.ts';

export type ForgeUnderTest = {
	/** A forge for the repository at `path` (`owner/repo` or `group/sub/repo`). */
	forgeAt(path: string): Promise<Forge>;
	fresh(fixture: string): Promise<FixtureCopy>;
	/** The change requests the peer holds for `copy`: title, body, head, base. */
	changeRequests(
		copy: FixtureCopy
	): Promise<{ number: number; title: string; body: string; head: string; base: string }[]>;
	/**
	 * The branch checked out as Patchbay checks this forge out (core/git `checkout`, which asks
	 * core/forge the way): its commit, tree and files.
	 */
	checkout(copy: FixtureCopy): Promise<{ commit: string; tree: string; files: FilesByPath }>;
	/**
	 * The branch listed as the setup proposal lists it (core/forge `listWithFiles`), with the
	 * files `paths` picks: the listing's commit, tree and entries, and those files' bytes.
	 */
	listed(
		copy: FixtureCopy,
		paths: (list: string[]) => string[]
	): Promise<{
		commit: string;
		tree: string;
		entries: Map<string, { mode: string; oid: string }>;
		files: Map<string, Uint8Array>;
		checkedOut: boolean;
	}>;
};

const bytes = (text: string) => new TextEncoder().encode(text);
const message = 'Add tools and tidy the docs';

/** Every kind of change a forge's API can write: update, mode off, rename, deletions, binary, new exec. */
function allKinds(copy: FixtureCopy): FileChange[] {
	const readme = copy.show('main:README.md');
	const runSh = copy.show('main:bin/run.sh');
	const intro = copy.show('main:docs/guide/intro.md');
	return [
		{
			path: 'README.md',
			before: readme,
			after: bytes(`${new TextDecoder().decode(readme)}More.\n`)
		},
		{ path: 'bin/run.sh', before: runSh, after: runSh, beforeMode: '100755', afterMode: '100644' },
		{ path: 'docs/intro.md', oldPath: 'docs/guide/intro.md', before: intro, after: intro },
		{ path: 'link-to-readme', before: bytes('README.md'), after: null, beforeMode: '120000' },
		{
			path: 'assets/pixel.bin',
			before: null,
			after: new Uint8Array([0, 255, 1, 137, 80, 78, 71, 0])
		},
		{
			path: 'tools/build.sh',
			before: null,
			after: bytes('#!/bin/sh\necho build\n'),
			afterMode: '100755'
		}
	];
}

/** `withRequests` false: a forge without an API for requests (plain git) skips that part. */
export function forgeContract(
	name: string,
	under: () => ForgeUnderTest,
	withRequests = true
): void {
	describe(`forge contract: ${name}`, () => {
		it('looks a repository up and reads its branches', async () => {
			const copy = await under().fresh('exec-and-symlink');
			const forge = await under().forgeAt(copy.path);
			// Plain git's ref listing cannot tell whether a repository is private (null).
			expect(await forge.lookup()).toEqual({
				defaultBranch: 'main',
				branches: ['main'],
				private: withRequests ? false : null
			});
			expect(await forge.branchHead('main')).toBe(copy.baseline.commit);
			expect(await forge.branchHead('no-such-branch')).toBeNull();
		});

		it('checks a branch out exactly as git has it: modes, symlinks, binary bytes', async () => {
			for (const fixture of ['exec-and-symlink', 'binary-file']) {
				const copy = await under().fresh(fixture);
				expect(await under().checkout(copy)).toEqual(gitSays(copy.gitDir));
			}
		});

		it('lists a branch and reads the files asked for, as git has them; a forge that lists fetches no other file', async () => {
			const copy = await under().fresh('exec-and-symlink');
			const want = gitSays(copy.gitDir);
			const asked = ['README.md', 'bin/run.sh', 'link-to-readme'];
			const listed = await under().listed(copy, (list) => asked.filter((p) => list.includes(p)));
			expect({ commit: listed.commit, tree: listed.tree }).toEqual({
				commit: want.commit,
				tree: want.tree
			});
			expect(listed.entries).toEqual(
				new Map([...want.files].map(([path, f]) => [path, { mode: f.mode, oid: f.oid }]))
			);
			expect(listed.files).toEqual(new Map(asked.map((p) => [p, want.files.get(p)!.data])));
			// Where the forge lists, the whole checkout is left for later; elsewhere it is the listing.
			expect(listed.checkedOut).toBe(!(await under().forgeAt(copy.path)).listing);
		});

		it('pushes every kind of change as one branch, and a retry finds it instead of a duplicate', async () => {
			const copy = await under().fresh('exec-and-symlink');
			const forge = await under().forgeAt(copy.path);
			const changes = allKinds(copy);
			const options = { baseline: copy.baseline, changes, branch: { title: message }, message };
			const first = await forge.push(options);
			expect(first).toMatchObject({
				branch: 'patchbay/add-tools-and-tidy-the-docs',
				outcome: 'created'
			});
			expect(copy.git('rev-parse', `${first.branch}^{tree}`)).toBe(
				expectedTree(copy.gitDir, copy.baseline.tree, changes)
			);
			expect(copy.git('rev-parse', `${first.branch}^`)).toBe(copy.baseline.commit);
			const again = await forge.push(options);
			expect(again).toMatchObject({
				branch: first.branch,
				commitSha: first.commitSha,
				outcome: 'up-to-date'
			});
			expect(copy.git('for-each-ref', '--format=%(refname)', 'refs/heads/')).toBe(
				`refs/heads/main\nrefs/heads/${first.branch}`
			);
		});

		it("fast-forwards the attempt's branch after a follow-up, putting back what it no longer changes", async () => {
			const copy = await under().fresh('exec-and-symlink');
			const forge = await under().forgeAt(copy.path);
			const first = await forge.push({
				baseline: copy.baseline,
				changes: allKinds(copy),
				branch: { title: message },
				message
			});
			// The follow-up keeps the README edit and the deleted link, and adds a file: the rest
			// (mode, rename, binary, new script) goes back to the baseline.
			const kept = allKinds(copy);
			const changes = [
				kept[0]!,
				kept[3]!,
				{ path: 'NOTES.md', before: null, after: bytes('notes\n') }
			];
			const next = await forge.push({
				baseline: copy.baseline,
				changes,
				branch: { title: message },
				message: `${message} (follow-up)`,
				existingBranch: { name: first.branch, sha: first.commitSha }
			});
			expect(next).toMatchObject({ branch: first.branch, outcome: 'updated' });
			expect(copy.git('rev-parse', `${first.branch}^`)).toBe(first.commitSha);
			expect(copy.git('rev-parse', `${first.branch}^{tree}`)).toBe(
				expectedTree(copy.gitDir, copy.baseline.tree, changes)
			);
		});

		it.skipIf(!withRequests)(
			'opens one change request and updates it on the next call',
			async () => {
				const copy = await under().fresh('empty-ish');
				const forge = await under().forgeAt(copy.path);
				const readme = copy.show('main:README.md');
				const pushed = await forge.push({
					baseline: copy.baseline,
					changes: [{ path: 'README.md', before: readme, after: bytes('# changed\n') }],
					branch: { title: 'Change the readme' },
					message: 'Change the readme'
				});
				const request = {
					head: pushed.branch,
					base: 'main',
					title: 'Change the readme',
					draft: false,
					baselineCommit: copy.baseline.commit
				};
				const opened = await forge.openChangeRequest!({ ...request, body: 'First body' });
				expect(opened).toMatchObject({ created: true, baseMoved: false });
				const updated = await forge.openChangeRequest!({ ...request, body: 'Second body' });
				expect(updated).toEqual({ ...opened, created: false });
				expect(await under().changeRequests(copy)).toEqual([
					{
						number: opened.number,
						title: 'Change the readme',
						body: 'Second body',
						head: pushed.branch,
						base: 'main'
					}
				]);
			}
		);

		it('replays the changes onto a base branch that moved on, and pushes on its head', async () => {
			const copy = await under().fresh('exec-and-symlink');
			// Someone else's commit on main, touching a file the attempt does not.
			const tree = copy.git('rev-parse', 'main^{tree}');
			const blob = execFileSync('git', ['--git-dir', copy.gitDir, 'hash-object', '-w', '--stdin'], {
				input: 'their notes\n',
				encoding: 'utf8'
			}).trim();
			const index = { ...process.env, GIT_INDEX_FILE: `${copy.gitDir}/rebase-index` };
			const run = (args: string[]) =>
				execFileSync('git', ['--git-dir', copy.gitDir, ...args], {
					env: index,
					encoding: 'utf8'
				}).trim();
			run(['read-tree', tree]);
			run(['update-index', '--add', '--cacheinfo', `100644,${blob},THEIRS.md`]);
			const head = run([
				'commit-tree',
				run(['write-tree']),
				'-p',
				copy.baseline.commit,
				'-m',
				'Theirs'
			]);
			run(['update-ref', 'refs/heads/main', head]);
			const forge = await under().forgeAt(copy.path);
			expect(await forge.branchHead('main')).toBe(head);
			const changes = allKinds(copy);
			const rebased = await forge.rebaseOnto('main', head, changes);
			if (!rebased.ok) throw new Error('conflict');
			expect(rebased.base.commit).toBe(head);
			const pushed = await forge.push({
				baseline: rebased.base,
				changes: rebased.changes,
				branch: { title: message },
				message
			});
			expect(copy.git('rev-parse', `${pushed.branch}^`)).toBe(head);
			expect(copy.git('rev-parse', `${pushed.branch}^{tree}`)).toBe(
				expectedTree(copy.gitDir, copy.git('rev-parse', 'main^{tree}'), changes)
			);
		});

		it('names a repository that does not exist', async () => {
			const forge = await under().forgeAt('nobody/nothing-here');
			await expect(forge.lookup()).rejects.toMatchObject({ code: 'repo-not-found' });
		});
	});
}
