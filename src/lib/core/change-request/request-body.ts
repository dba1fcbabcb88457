// A pull request's title and body, from the whole task: what was asked (every follow-up too),
// what the agent says it did, the tests it ran, the files it changed and the network requests
// the policy blocked. Secrets are masked in every piece before it goes in.
import type { FileStat } from '../diff/index.ts';
import { cutAtWord, uncutLine } from '../text/cut-at-word.ts';
import { blockQuote, inlineCode } from './markdown.ts';

export type BlockedRequest = { method: string; url: string; reason: string };

export type PullRequestTask = {
	prompt: string;
	followUps: readonly string[];
	summary: string;
	/**
	 * Each message's closing text, in order (the request's, then each follow-up's): the Summary
	 * tells every turn of the task, not the last one only. Absent or a single one: `summary`.
	 */
	turnSummaries?: readonly string[];
	testsRun: readonly string[];
	blockedRequests: readonly BlockedRequest[];
	stats: readonly FileStat[];
	/** Overrides the title taken from the prompt's first line (e.g. the task's, which is cut). */
	title?: string;
	/** The issue of the same repository the task was drafted from: merging closes it. */
	closesIssue?: number;
	/**
	 * Masks secret values: `secretMasker` of the environment's values and `settingsSecrets`.
	 * Required, so no caller can forget it: all of this text is written to the host.
	 */
	mask: (text: string) => string;
};

export const MAX_TITLE_LENGTH = 72;
/** GitHub refuses bodies over 65,536 characters. */
export const MAX_BODY_LENGTH = 65_000;
const MAX_FILE_ROWS = 300;
const MAX_BLOCKED_ROWS = 50;

export function pullRequestTitle(task: PullRequestTask): string {
	const { mask } = task;
	const firstLine = task.prompt.split('\n').find((line) => line.trim() !== '') ?? '';
	const masked = mask(task.title === undefined ? firstLine : uncutLine(task.title, task.prompt));
	const title = masked
		.replace(/^[#>\s*-]+/, '')
		.replace(/\s+/g, ' ')
		.trim();
	if (title === '') return 'Changes by Patchbay';
	return cutAtWord(title, MAX_TITLE_LENGTH);
}

function fileRow(stat: FileStat): string {
	const path = stat.oldPath
		? `${inlineCode(stat.oldPath)} → ${inlineCode(stat.path)}`
		: inlineCode(stat.path);
	const counts = stat.binary ? 'binary | ' : `${stat.additions} | ${stat.deletions}`;
	return `| ${path} | ${stat.status} | ${counts} |`;
}

function filesSection(stats: readonly FileStat[], mask: (text: string) => string): string {
	const masked = stats.map((stat) => ({
		...stat,
		path: mask(stat.path),
		...(stat.oldPath ? { oldPath: mask(stat.oldPath) } : {})
	}));
	const additions = stats.reduce((sum, stat) => sum + stat.additions, 0);
	const deletions = stats.reduce((sum, stat) => sum + stat.deletions, 0);
	const count = `${stats.length} file${stats.length === 1 ? '' : 's'}`;
	const rows = masked.slice(0, MAX_FILE_ROWS).map(fileRow);
	const more = stats.length > MAX_FILE_ROWS ? [`\n…and ${stats.length - MAX_FILE_ROWS} more.`] : [];
	return [
		`## Files changed (${count}, +${additions} −${deletions})`,
		'',
		'| File | Change | + | − |',
		'| --- | --- | ---: | ---: |',
		...rows,
		...more
	].join('\n');
}

function blockedSection(
	blocked: readonly BlockedRequest[],
	mask: (text: string) => string
): string {
	const rows = blocked
		.slice(0, MAX_BLOCKED_ROWS)
		.map(({ method, url, reason }) => `- ${inlineCode(`${method} ${mask(url)}`)}: ${mask(reason)}`);
	const more =
		blocked.length > MAX_BLOCKED_ROWS ? [`- …and ${blocked.length - MAX_BLOCKED_ROWS} more.`] : [];
	return ['## Blocked network requests', '', ...rows, ...more].join('\n');
}

/** One paragraph per turn that said something, named for the message it answered. */
function summarySection(task: PullRequestTask): string {
	const turns = (task.turnSummaries ?? []).map((text) => task.mask(text).trim());
	if (turns.filter(Boolean).length <= 1)
		return [
			'## Summary',
			'',
			task.mask(task.summary).trim() || turns.find(Boolean) || '_No summary._'
		].join('\n');
	const parts = turns.flatMap((text, index) =>
		text ? [`**${index === 0 ? 'Request' : `Follow-up ${index}`}**`, '', text, ''] : []
	);
	return ['## Summary', '', ...parts].join('\n').trimEnd();
}

export function pullRequestBody(task: PullRequestTask): string {
	const { mask } = task;
	const sections = [
		...(task.closesIssue ? [`Closes #${task.closesIssue}`] : []),
		['## Request', '', blockQuote(mask(task.prompt))].join('\n'),
		...task.followUps.map((followUp, index) =>
			[`**Follow-up ${index + 1}**`, '', blockQuote(mask(followUp))].join('\n')
		),
		summarySection(task),
		[
			'## Tests run',
			'',
			...(task.testsRun.length > 0
				? task.testsRun.map((command) => `- ${inlineCode(mask(command))}`)
				: ['_No tests were run._'])
		].join('\n'),
		filesSection(task.stats, mask),
		...(task.blockedRequests.length > 0 ? [blockedSection(task.blockedRequests, mask)] : []),
		'---\n<sub>Opened with Patchbay.</sub>'
	];
	const body = sections.join('\n\n') + '\n';
	const cut = '\n\n…(cut to fit GitHub’s limit)\n';
	return body.length <= MAX_BODY_LENGTH ? body : body.slice(0, MAX_BODY_LENGTH - cut.length) + cut;
}
