// The two ways an attempt leaves the browser: through a forge's API (GitHub, GitLab: a branch,
// then a pull or merge request; a base branch that moved on is caught before the push and may
// be rebased onto), or over git's smart HTTP to any other host (a branch; the person opens the
// request there). Which one is decided once, in core/forge's forge-for.ts.
import { diffStats, rebaseConflictError, type FileChange } from '$lib/core/diff';
import { AppError } from '$lib/core/http';
import { forgeMeta, type Forge } from '$lib/core/forge';
import { mergeRequestLink, type MergeRequestLink, type RepoRef } from '$lib/core/git';
import {
	commitMessage,
	maskedBranchName,
	pullRequestBody,
	pullRequestTitle
} from '$lib/core/change-request';
import { secretMasker } from '$lib/core/secrets';
import type { AttemptResult, EnvironmentRecord, Settings, TaskRecord } from '$lib/core/store';
import type { LogView } from '$lib/core/tasks';
import { gitAccess } from '../environments/environment-editor.svelte';
import { gitRequest } from '../workers/git-client';

export type ShipInput = {
	task: TaskRecord;
	environment: EnvironmentRecord;
	result: AttemptResult;
	view: LogView;
	settings: Settings;
	/** Secret values to mask in what is written to the host. */
	known: string[];
	draft: boolean;
	report: (message: string) => void;
};

/** Where the branch goes when the base branch moved: asked, kept, or rebased onto its head. */
export type BaseChoice = 'ask' | 'original' | 'rebase';

export type Pushed = NonNullable<AttemptResult['pushed']>;

export type ShipOutcome =
	| { kind: 'base-moved'; head: string }
	| {
			kind: 'pull-request';
			url: string;
			/** "pull request", "merge request". */
			noun: string;
			pushed: Pushed;
			baseMoved: boolean;
			rebased: boolean;
	  }
	| { kind: 'branch'; pushed: Pushed; link: MergeRequestLink; base: string; rebased: boolean };

/**
 * The commit message and branch of a push: from the task's title, masked with every secret
 * known (`known`), so neither reaches the host.
 */
function titled(task: TaskRecord, known: string[]) {
	const mask = secretMasker(known);
	const message = commitMessage(task, mask);
	return { mask, message, branch: { name: maskedBranchName(message, mask) } };
}

const existingBranch = (result: AttemptResult) =>
	result.pushed ? { name: result.pushed.branch, sha: result.pushed.commitSha } : undefined;

/**
 * The head of the base branch to rebase onto: none (the baseline), or the one a rebased branch
 * sits on already. Before a first push the base branch is looked at: when it moved on, `ask`
 * stops for the person's choice and `rebase` takes its head.
 */
async function headToRebaseOnto(
	input: ShipInput,
	choice: BaseChoice,
	readHead: () => Promise<string | null>
): Promise<{ ask: string } | { head: string | undefined }> {
	const { result } = input;
	if (result.pushed || choice === 'original') return { head: result.pushed?.base?.commit };
	input.report('Checking the base branch…');
	const now = await readHead();
	if (!now || now === result.baseline.commit) return { head: undefined };
	return choice === 'ask' ? { ask: now } : { head: now };
}

async function baseAndChanges(
	input: ShipInput,
	forge: Forge,
	choice: BaseChoice
): Promise<{ base: { commit: string; tree: string }; changes: FileChange[] } | { ask: string }> {
	const { result } = input;
	const target = await headToRebaseOnto(input, choice, () =>
		forge.branchHead(result.baseline.branch)
	);
	if ('ask' in target) return target;
	if (!target.head) return { base: result.baseline, changes: result.changes };
	input.report('Rebasing onto the new head…');
	const rebased = await forge.rebaseOnto(result.baseline.branch, target.head, result.changes);
	if (!rebased.ok) throw rebaseConflictError(rebased.conflicts);
	return rebased;
}

/** Each message's closing text, in order: what the agent said after the request and each follow-up. */
function turnSummaries(items: ShipInput['view']['items']): string[] {
	const turns: string[] = [];
	for (const item of items) {
		if (item.kind === 'user') turns.push('');
		else if (item.kind === 'final' && turns.length > 0)
			turns[turns.length - 1] = item.final.summary;
	}
	return turns;
}

/** What the request's body tells: the whole task, masked. */
function requestTask(input: ShipInput, mask: (text: string) => string) {
	const { task, result, view } = input;
	return {
		prompt: task.prompt,
		followUps: view.items.flatMap((i) => (i.kind === 'user' ? [i.text] : [])).slice(1),
		summary: result.summary,
		turnSummaries: turnSummaries(view.items),
		testsRun: [],
		blockedRequests: view.network
			.filter((e) => !e.allowed)
			.map(({ method, url, reason }) => ({ method, url, reason })),
		stats: diffStats(result.changes),
		...(task.issue ? { closesIssue: task.issue.number } : {}),
		mask
	};
}

/** A branch and its pull or merge request, through the forge's API. */
export async function shipThroughForge(
	input: ShipInput,
	forge: Forge & Required<Pick<Forge, 'openChangeRequest'>>,
	choice: BaseChoice
): Promise<ShipOutcome> {
	const { task, result } = input;
	const target = await baseAndChanges(input, forge, choice);
	if ('ask' in target) return { kind: 'base-moved', head: target.ask };
	input.report('Pushing a branch…');
	const { mask, message, branch } = titled(task, input.known);
	const pushed = await forge.push({
		baseline: target.base,
		changes: target.changes,
		branch,
		message,
		existingBranch: existingBranch(result),
		onProgress: (p) => input.report(`Pushing: ${p.phase} ${p.total ? `${p.done}/${p.total}` : ''}`)
	});
	return openRequest(input, forge, mask, { ...pushed, base: target.base });
}

/** The request for a pushed branch (`base`: the commit and tree it sits on). */
async function openRequest(
	input: ShipInput,
	forge: Forge & Required<Pick<Forge, 'openChangeRequest'>>,
	mask: (text: string) => string,
	pushed: { branch: string; commitSha: string; base: { commit: string; tree: string } }
): Promise<ShipOutcome> {
	const { result } = input;
	// The request's words are its forge's (core/forge's table): "merge request", `!12` on GitLab.
	const words = forgeMeta(forge.kind).request;
	const noun = words?.noun ?? 'pull request';
	input.report(`Opening the ${noun}…`);
	const prTask = requestTask(input, mask);
	const request = await forge.openChangeRequest({
		head: pushed.branch,
		base: result.baseline.branch,
		title: pullRequestTitle(prTask),
		body: pullRequestBody(prTask),
		draft: input.draft,
		baselineCommit: pushed.base.commit
	});
	const rebased = pushed.base.commit !== result.baseline.commit;
	return {
		kind: 'pull-request',
		url: request.url,
		noun,
		baseMoved: request.baseMoved,
		rebased,
		pushed: {
			branch: pushed.branch,
			commitSha: pushed.commitSha,
			pullRequestUrl: request.url,
			changeRequestRef: `${words?.numberPrefix ?? '#'}${request.number}`,
			...(rebased ? { base: pushed.base } : {})
		}
	};
}

/**
 * Gitea/Forgejo: the branch goes over git from the git worker (its file API cannot write modes
 * or symlinks), then the pull request through the API.
 */
export async function pushOverGitThenRequest(
	input: ShipInput,
	forge: Forge & Required<Pick<Forge, 'openChangeRequest'>>,
	choice: BaseChoice
): Promise<ShipOutcome> {
	const outcome = await pushToGitHost(
		input,
		{ kind: 'git', url: forge.repo.cloneUrl },
		choice
	).catch((error: unknown) => {
		// Gitea answers a token that may read but not write with 403 on the push itself.
		if (
			error instanceof AppError &&
			error.code === 'unauthorized' &&
			/\(403\)/.test(error.message)
		) {
			throw new AppError(
				'missing-scope',
				`The ${forgeMeta(forge.kind).name} token may read ${forge.repo.path} but not push to it (403).`,
				'Give the token the write:repository scope (Settings → Applications on the host), ' +
					'and save it in Settings → Git hosts.'
			);
		}
		throw error;
	});
	if (outcome.kind !== 'branch') return outcome;
	const { mask } = titled(input.task, input.known);
	const { branch, commitSha, base } = outcome.pushed;
	return openRequest(input, forge, mask, {
		branch,
		commitSha,
		base: base ?? input.result.baseline
	});
}

export async function pushToGitHost(
	input: ShipInput,
	ref: Extract<RepoRef, { kind: 'git' }>,
	choice: BaseChoice
): Promise<ShipOutcome> {
	const { task, result, environment, settings } = input;
	const access = gitAccess(environment.repoUrl, settings);
	const branch = result.baseline.branch;
	const target = await headToRebaseOnto(input, choice, () =>
		gitRequest({ type: 'branch-head', access, branch })
	);
	if ('ask' in target) return { kind: 'base-moved', head: target.ask };
	input.report(target.head ? 'Rebasing onto the new head and pushing…' : 'Pushing a branch…');
	const { message, branch: branchSpec } = titled(task, input.known);
	const pushed = await gitRequest({
		type: 'push',
		access,
		base: { commit: result.baseline.commit, tree: result.baseline.tree },
		changes: result.changes,
		branch: branchSpec,
		message,
		existingBranch: existingBranch(result),
		rebase: target.head ? { branch, head: target.head } : undefined
	});
	const rebased = pushed.base.commit !== result.baseline.commit;
	return {
		kind: 'branch',
		base: branch,
		rebased,
		link: mergeRequestLink(ref.url, branch, pushed.branch),
		pushed: {
			branch: pushed.branch,
			commitSha: pushed.commitSha,
			gitHost: true,
			...(rebased ? { base: pushed.base } : {})
		}
	};
}
