// What a push writes to the host from the task's text — the commit message, the branch name, the
// pull request's title and body — holds no secret, in any encoded form, and the branch name
// stays a valid ref.
import { describe, expect, it } from 'vitest';
import { diffStats } from '../../../src/lib/core/diff/index.ts';
import {
	commitMessage,
	isValidBranchName,
	maskedBranchName,
	pullRequestBody,
	pullRequestTitle
} from '../../../src/lib/core/github/index.ts';
import { secretMasker } from '../../../src/lib/core/secrets/index.ts';
import { taskTitle } from '../../../src/lib/core/tasks/title.ts';
import { encodedPlants, leaksOf } from '../secrets/leaks.ts';

const token = 'ghp_PLANTED/secret+Token~42';
const dbPass = 'db-PLANTED pass?';
const secrets = [token, dbPass];
const mask = secretMasker(secrets);

/** A task as the app makes one: the title is the prompt's first line, cut to 80 characters. */
const taskOf = (prompt: string) => ({ prompt, title: taskTitle(prompt) });

const bytes = (text: string) => new TextEncoder().encode(text);

describe('ship texts are masked', () => {
	it('a secret in the first line, in any form, reaches neither commit message nor branch', () => {
		const firstLines = secrets.flatMap((secret) =>
			encodedPlants(secret).map((plant) => `Use ${plant} for the deploy`)
		);
		const shipped = firstLines.map((line) => {
			const message = commitMessage(taskOf(`${line}\n\nmore`), mask);
			return { message, branch: maskedBranchName(message, mask) };
		});
		expect({
			leaks: leaksOf(JSON.stringify(shipped), secrets),
			invalid: shipped.map((item) => item.branch).filter((name) => !isValidBranchName(name))
		}).toStrictEqual({ leaks: {}, invalid: [] });
		expect(shipped[0]).toStrictEqual({
			message: 'Use [secret] for the deploy',
			branch: 'patchbay/use-secret-for-the-deploy'
		});
	});

	it('masks a title cut through a secret from the whole first line', () => {
		// Titles are cut at a word, so only a word longer than the room is cut inside itself.
		const prompt = `https://deploy.example/${'staging/'.repeat(5)}?key=${token} everywhere`;
		const task = taskOf(prompt);
		expect(task.title.endsWith('…') && task.title.includes(token.slice(0, 8))).toBe(true);
		expect(task.title.includes(token)).toBe(false);
		const message = commitMessage(task, mask);
		expect({ message, branch: maskedBranchName(message, mask) }).toStrictEqual({
			message: `https://deploy.example/${'staging/'.repeat(5)}?key=[se…`,
			branch: 'patchbay/https-deploy-example-staging-staging-staging'
		});
		expect(leaksOf(message, [token.slice(0, 8)])).toStrictEqual({});
	});

	it('masks a secret the slug spells though the title does not hold it as such', () => {
		const spelled = secretMasker(['my-hidden-pass']);
		expect(maskedBranchName('Set My Hidden Pass', spelled)).toBe('patchbay/set-secret');
	});

	it('the pull request title and body hold no secret in any form', () => {
		const everywhere = secrets.flatMap(encodedPlants).join(' ');
		const pr = {
			prompt: `Deploy with ${token}\n\n${everywhere}`,
			followUps: [everywhere],
			summary: everywhere,
			testsRun: [`curl -H 'Authorization: Basic ${Buffer.from(`u:${dbPass}`).toString('base64')}'`],
			blockedRequests: [
				{ method: 'GET', url: `https://x.test/?t=${encodeURIComponent(token)}`, reason: everywhere }
			],
			stats: diffStats([
				{ path: `conf/${encodeURIComponent(dbPass)}.txt`, before: null, after: bytes('x\n') }
			]),
			mask
		};
		const title = pullRequestTitle(pr);
		expect(title).toBe('Deploy with [secret]');
		// A given title cut through a secret is masked from the prompt's whole first line.
		expect(pullRequestTitle({ ...pr, title: 'Deploy with ghp_PLAN…' })).toBe(
			'Deploy with [secret]'
		);
		expect(leaksOf(`${title}\n${pullRequestBody(pr)}`, secrets)).toStrictEqual({});
		// Unmasked, the same body gives every secret away: the check above can fail.
		const bare = pullRequestBody({ ...pr, mask: (text) => text });
		expect(Object.keys(leaksOf(bare, secrets))).toStrictEqual(secrets);
	});
});
