// Commit messages as git prints them: %B exactly as stored, %s/%b and the medium/short bodies
// with trailing whitespace (a CRLF's CR too) cut, leading and trailing blank lines dropped.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTwin, expectSame, file, type Twin } from './fixture.ts';

const MESSAGES = {
	'no final newline': 'Add a thing',
	'one final newline': 'Add a thing\n',
	'trailing blank lines': 'Add a thing\n\nWhy it is added.\n\n\n',
	CRLF: 'Add a thing\r\n\r\nWhy, in CRLF.\r\nSecond line.\r\n',
	'leading blank lines and spaces': '\n\n  Add a thing  \nwrapped subject\n\n  indented body \n',
	'subject only, two lines': 'First line\nsecond line\n'
};

const COMMANDS = [
	'git log',
	'git log -1 --format=%B',
	"git log -1 --format='[%s][%b]'",
	'git log --oneline',
	'git log --pretty=short',
	'git show -s',
	"git show -s --format='%h %s'",
	'git log --format=%B --stat'
];

describe.each(Object.entries(MESSAGES))('a commit message with %s', (_, message) => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([file('a.txt', 'a\n')], message);
	});
	afterAll(() => twin.dispose());

	it.each(COMMANDS)('%s matches git', async (command) => {
		await expectSame(twin, command);
	});
});
