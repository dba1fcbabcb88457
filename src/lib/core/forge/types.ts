// The forge seam: what Patchbay asks of a repository host, whatever the host is. Each forge
// (github/, gitlab/, gitea/, git/) implements it; `forge-for.ts` alone decides which one serves
// a repository. Host-neutral pieces (branch names, the request's body, push results, rebasing
// onto a moved base) live outside any one forge and are passed in.
import type { HttpClient } from 'isomorphic-git';
import type { Credentials } from '../credentials/index.ts';
import type { ObjectStore } from '../git/object-store.ts';
import type { Baseline, BaselineEntry, CheckoutProgress, CheckoutStats } from '../git/baseline.ts';
import type { FileChange, RebaseOutcome } from '../diff/index.ts';
import type { ExistingBranch } from '../github/advance-branch.ts';
import type { BranchSpec } from '../change-request/branch-name.ts';
import type { PushProgress, PushResult } from '../change-request/push-types.ts';
// The kinds are the keys of forge-for.ts's `forges` table: one line there adds one.
import type { ForgeKind } from './forge-for.ts';
import type { IssueText } from '../issues/issue-draft.ts';
import type { RestClient } from './rest-client.ts';

export type { ExistingBranch, BranchSpec, ForgeKind, PushProgress, PushResult };

/** A repository on a forge: where its API is and how the forge names the repository. */
export type ForgeRepo = {
	kind: ForgeKind;
	/** The REST API's base (`https://gitlab.com/api/v4`); empty for plain git. */
	apiBase: string;
	/** `owner/repo`, or `group/sub/repo` on GitLab. */
	path: string;
	/** The repository's page (plain git: its clone URL). */
	webUrl: string;
	/** What `git clone` takes. */
	cloneUrl: string;
};

export type RepoInfo = { defaultBranch: string; branches: string[]; private: boolean | null };

export type ForgePushOptions = {
	/** The commit and tree the changes apply to (the baseline, or a new head after a rebase). */
	baseline: { commit: string; tree: string };
	/** The whole attempt against `baseline` (after a follow-up too, not only what is new). */
	changes: readonly FileChange[];
	/** The branch of a first push; ignored when `existingBranch` is given. */
	branch: BranchSpec;
	message: string;
	/** The attempt's branch and the commit last pushed to it: the push fast-forwards it. */
	existingBranch?: ExistingBranch;
	signal?: AbortSignal;
	onProgress?: (progress: PushProgress) => void;
};

export type ChangeRequestOptions = {
	/** The pushed branch. */
	head: string;
	/** The branch it asks to be merged into. */
	base: string;
	title: string;
	body: string;
	draft: boolean;
	/** The commit the changes were made on: the request notes when `base` has moved since. */
	baselineCommit: string;
	signal?: AbortSignal;
};

export type ChangeRequestResult = {
	url: string;
	/** `#12` on GitHub and Gitea, `!12` on GitLab: the number as the host writes it. */
	number: number;
	/** The base branch no longer points at the baseline commit. */
	baseMoved: boolean;
	/** False when an open request for the branch existed and was updated. */
	created: boolean;
};

/** What a token can do on the host: for Settings' Test button. */
export type TokenCheck = { login: string; scopes: string[] | null; missing: string[] };

export type Forge = {
	readonly kind: ForgeKind;
	readonly repo: ForgeRepo;
	/** The branch goes over git (made where the object store is), the request through the API. */
	readonly pushesOverGit?: boolean;
	lookup(signal?: AbortSignal): Promise<RepoInfo>;
	/** The commit `branch` points at, or null when it does not exist. */
	branchHead(branch: string, signal?: AbortSignal): Promise<string | null>;
	/** `changes` replayed onto `head`, a later commit of the base branch `branch`. */
	rebaseOnto(
		branch: string,
		head: string,
		changes: readonly FileChange[],
		signal?: AbortSignal
	): Promise<RebaseOutcome>;
	push(options: ForgePushOptions): Promise<PushResult>;
	/** Opens the request for `head`, or updates the open one (title and body). */
	openChangeRequest?(options: ChangeRequestOptions): Promise<ChangeRequestResult>;
	checkToken?(signal?: AbortSignal): Promise<TokenCheck>;
	/**
	 * The branch checked out into `store`, every file verified against its blob id, the baseline
	 * cached per commit: each forge its own way (GitHub's REST API, GitLab's API, smart HTTP for
	 * plain git and Gitea). core/forge `checkout` asks this and nothing else.
	 */
	snapshot(options: ForgeSnapshotOptions): Promise<{ baseline: Baseline; stats: CheckoutStats }>;
	/**
	 * The branch's listing and a few named files, verified, without fetching every file (the
	 * setup proposal's early path; the full `snapshot` then runs in the background). Absent where
	 * one fetch is the listing and the checkout both (smart HTTP): the checkout is the listing.
	 */
	listing?(options: ForgeListingOptions): Promise<ForgeListing>;
};

export type ForgeSnapshotOptions = {
	branch: string;
	store: ObjectStore;
	/** Files over this size stay out of the baseline's entries (listed as skipped). */
	maxFileBytes: number;
	signal?: AbortSignal;
	onProgress?: (progress: CheckoutProgress) => void;
	/**
	 * Told the baseline the checkout will give (every file still to be checked against it) as
	 * soon as the tree is listed, before any file is fetched: a caller can start on it.
	 */
	onListed?: (baseline: Baseline) => void;
	/** Paths (picked from the listing) fetched before all others. */
	first?: (paths: string[]) => string[];
	/** Each file's bytes once verified, as it arrives (the `first` ones also when held). */
	onFile?: (entry: BaselineEntry, bytes: Uint8Array) => void;
};

export type ForgeListingOptions = {
	branch: string;
	store: ObjectStore;
	/** Files over this size stay out of the baseline's entries, where the listing tells sizes. */
	maxFileBytes: number;
	/** The paths to read, picked from the listing's paths. */
	paths: (list: string[]) => string[];
	signal?: AbortSignal;
};

export type ForgeListing = {
	/** The baseline the listing gives, its files not yet all fetched. */
	baseline: Baseline;
	/** The files asked for that the listing holds, by path, checked against their blob ids. */
	files: Map<string, Uint8Array>;
};

/** How a forge is made, once its code has loaded (each folder's `index.ts`). */
export type MakeForge = (repo: ForgeRepo, context: ForgeContext) => Forge;

/** How the page words a forge's change request. */
export type ChangeRequestWords = {
	/** "pull request", "merge request" ("Open the merge request", "Push to the pull request"). */
	noun: string;
	/** The ship button before the first push: "Create PR", "Create merge request". */
	button: string;
	/** Before the request's number in the task list and on the task page: `#12`, `!12`. */
	numberPrefix: string;
};

/**
 * All a forge is to the rest of Patchbay besides its code, known before that code loads: its
 * folder's `entry.ts`, named by one line of forge-for.ts's `forges` table. Settings, the store's
 * validation and the page read these; only `load` brings the forge itself in.
 */
export type ForgeEntry = {
	/** The forge's code, loaded on first use (a page that only reads Settings loads none). */
	load: () => Promise<MakeForge>;
	/** Its name in messages: "The Gitea token may read … but not push to it". */
	name: string;
	/**
	 * Where its REST API is served under a host. Only a forge with one may be named for a
	 * self-managed host in Settings → Git hosts (stored as the host's kind; Test asks that API).
	 * Absent: no API by host (GitHub is found by its API base in Settings; plain git has none).
	 */
	apiPath?: string;
	/** Hosts whose kind is known without Settings. */
	knownHosts?: readonly string[];
	/** How many path segments name a repository (Gitea: owner/repo); any when absent. */
	pathSegments?: number;
	/**
	 * The segments between a repository's address and a branch name on the host's web pages
	 * (GitLab `-/tree`, Gitea `src/branch`): a start link naming such a page opens that branch.
	 */
	branchPage?: readonly [string, string];
	/** The kind picker's label in Settings → Git hosts; absent: not offered there. */
	settingsLabel?: string;
	/** The change request the forge opens; absent: none (a branch, the host's own form). */
	request?: ChangeRequestWords;
	/**
	 * Its issues, read by address for a task draft (core/issues/forge-issue.ts); absent: none
	 * read by host (GitHub's issues are core/issues' own, through GitHub's API).
	 */
	issues?: ForgeIssues;
};

/** How a forge's issue is addressed and read, known before its reader loads. */
export type ForgeIssues = {
	/**
	 * What stands between the repository's address and the number: the first is how Patchbay
	 * writes an issue's address (`-/issues`: `…/group/repo/-/issues/12`), the rest other
	 * spellings the host also answers (GitLab's `…/repo/issues/12`).
	 */
	paths: readonly [string, ...string[]];
	/** How its API takes a token: `Authorization: Bearer …` or `Authorization: token …`. */
	authScheme: 'Bearer' | 'token';
	/** The reader, loaded when an issue of this forge is read. */
	load: () => Promise<IssueReader>;
};

/** Reads issue `number` of repository `path` (`group/sub/repo`) with its first `limit` comments. */
export type IssueReader = (
	client: RestClient,
	path: string,
	number: number,
	limit: number,
	signal?: AbortSignal
) => Promise<IssueText>;

/** What every forge is made with: the credentials (each request asks `credentialFor`). */
export type ForgeContext = {
	credentials: Credentials;
	fetch?: typeof fetch;
	/**
	 * Smart HTTP's transport (plain git's and Gitea's checkout and push) and the local object
	 * store a push is built in (the git worker's).
	 */
	git?: { http: HttpClient; corsProxy: string; store?: ObjectStore };
};
