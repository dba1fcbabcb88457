// Titles, commit subjects and pull request titles are cut at a word, never mid-word ("…readme e…"),
// counting what a person sees as one character.
import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../src/lib/core/change-request/commit-message.ts';
import { pullRequestTitle } from '../../../src/lib/core/change-request/request-body.ts';
import { secretMasker } from '../../../src/lib/core/secrets/index.ts';
import { taskTitle } from '../../../src/lib/core/tasks/title.ts';
import { cutAtWord } from '../../../src/lib/core/text/cut-at-word.ts';

const graphemes = (text: string) =>
	Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)).length;

describe('cutAtWord', () => {
	it('keeps a text that fits, whole', () => {
		expect([cutAtWord('Fix the readme', 14), cutAtWord('', 5)]).toStrictEqual([
			'Fix the readme',
			''
		]);
	});

	it('cuts at the last word that fits, with room for the ellipsis', () => {
		expect([
			cutAtWord('Update the readme everywhere', 20),
			// The space falls right after the last word that fits: that word is kept.
			cutAtWord('Update the readme everywhere', 19),
			// Punctuation before the cut is dropped: "readme,…" reads badly.
			cutAtWord('Update the readme, then the docs', 21)
		]).toStrictEqual(['Update the readme…', 'Update the readme…', 'Update the readme…']);
	});

	it('cuts a single word longer than the room inside itself', () => {
		const url = `https://example.com/${'a'.repeat(100)}`;
		expect(cutAtWord(url, 30)).toBe(`${url.slice(0, 29)}…`);
		expect(cutAtWord(`go ${url}`, 30)).toBe('go…');
	});

	it('counts an emoji or an accented letter as one character and never splits one', () => {
		const family = '👨‍👩‍👧';
		const text = `Ajouter l’été ${family} ${family} ${family} partout`;
		const cut = cutAtWord(text, 20);
		// 19 characters of whole words fit in 20 with the ellipsis: the family emoji is one each.
		expect(cut).toBe(`Ajouter l’été ${family} ${family} ${family}…`);
		expect(graphemes(cut)).toBeLessThanOrEqual(20);
		const flags = '🇫🇷'.repeat(30);
		expect(cutAtWord(flags, 10)).toBe(`${'🇫🇷'.repeat(9)}…`);
		// Decomposed "é" (e + combining accent) stays whole.
		expect(cutAtWord('e\u0301'.repeat(12), 5)).toBe(`${'e\u0301'.repeat(4)}…`);
	});
});

describe('titles and subjects', () => {
	const prompt =
		'Rewrite the readme explaining installation, configuration, the plugin system and everything else\n\nDetails.';
	const mask = secretMasker(['tok-1234567890']);

	it('a task title is the first line cut at a word to 80 characters', () => {
		expect(taskTitle(prompt)).toBe(
			'Rewrite the readme explaining installation, configuration, the plugin system…'
		);
		expect(taskTitle('  \n')).toBe('Untitled task');
	});

	it('a commit subject is at most 72 characters, cut at a word from the whole line', () => {
		const message = commitMessage({ title: taskTitle(prompt), prompt }, mask);
		expect(message).toBe('Rewrite the readme explaining installation, configuration, the plugin…');
		expect(graphemes(message)).toBeLessThanOrEqual(72);
		const short = 'Fix the flaky test';
		expect(commitMessage({ title: taskTitle(short), prompt: short }, mask)).toBe(short);
	});

	it('a secret in the title is masked whole from the whole line, then the line is cut again', () => {
		const long = `Use tok-1234567890 to deploy ${'and then more '.repeat(6)}`;
		const title = taskTitle(long);
		expect(title.includes('tok-1234567890')).toBe(true);
		expect(commitMessage({ title, prompt: long }, mask)).toBe(
			`Use [secret] to deploy ${'and then more '.repeat(3)}and…`
		);
		// A single long word holding the secret is cut inside itself, the secret masked first.
		const word = `key=tok-1234567890${'x'.repeat(100)}`;
		expect(commitMessage({ title: taskTitle(word), prompt: word }, mask)).toBe(
			`key=[secret]${'x'.repeat(59)}…`
		);
	});

	it('a pull request title is cut at a word to 72 characters', () => {
		const title = pullRequestTitle({
			prompt,
			followUps: [],
			summary: '',
			testsRun: [],
			blockedRequests: [],
			stats: [],
			mask
		});
		expect(title).toBe('Rewrite the readme explaining installation, configuration, the plugin…');
	});
});
