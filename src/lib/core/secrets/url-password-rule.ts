// A password written into a URL's user information: `postgres://app:s3cret@db/app`,
// `mongodb+srv://…`, `redis://:pw@…`, `amqp://…`, `https://user:token@host/…`. Documentation
// and local-development stand-ins (`user:password@`, `guest:guest@`, `${PASS}`) stay quiet.
import type { Finding, LineRule } from './finding.ts';

/**
 * Scheme (not preceded by a scheme character, so a long run is tried once), user (may be
 * empty), `:`, password, `@`. Every part is bounded and the password stops at `:`, so a hostile
 * line costs at most a few hundred steps per `://`.
 */
const userinfo =
	/(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<user>[^\s:/?#@"'`<>\\]{0,128}):(?<password>[^\s:/?#@"'`<>\\]{1,256})@(?<host>[A-Za-z0-9.-]{0,253})/dg;

/** Passwords that only stand in for one in docs, compose files and tests. */
const standIns = new Set(
	[
		'password',
		'passwd',
		'pass',
		'pwd',
		'secret',
		'changeme',
		'change_me',
		'example',
		'test',
		'testing',
		'tests',
		'dev',
		'development',
		'local',
		'root',
		'admin',
		'guest',
		'user',
		'username',
		'postgres',
		'postgresql',
		'mysql',
		'mariadb',
		'redis',
		'mongo',
		'mongodb',
		'rabbitmq',
		'default',
		'foo',
		'bar',
		'baz',
		'qux',
		'token',
		'apikey',
		'api_key',
		'key',
		'mypassword',
		'yourpassword',
		'your_password',
		'my_password',
		'secretpassword',
		'letmein',
		'none',
		'null',
		'undefined',
		'xxx'
	].map((word) => word.toLowerCase())
);

/** Template and variable syntax, masks, and placeholders. */
const reference = /^[$%{<[*]|^:|\{\{|\$\{|\$\(|<[^>]*>|^x+$|^\*+$|^\.+$|your|example|placeholder/i;

/** RFC 2606 documentation hosts and bare stand-in host names. */
const exampleHost =
	/(?:^|\.)example(?:\.(?:com|org|net))?$|^(?:host|hostname|server|domain|your-host)$/i;

export function isStandInPassword(user: string, password: string, host: string): boolean {
	const lower = password.toLowerCase();
	return (
		password.length < 3 ||
		standIns.has(lower) ||
		lower === user.toLowerCase() ||
		reference.test(password) ||
		exampleHost.test(host) ||
		/^(.)\1+$/.test(password) ||
		// One short lower-case word (`joe:shmoe@`) is a URL parser's test fixture, not a credential.
		/^[a-z]{1,8}$/.test(password)
	);
}

export const urlPasswordRule: LineRule = (line) => {
	if (!line.includes('://')) return [];
	const found: Finding[] = [];
	for (const match of line.matchAll(userinfo)) {
		const { user = '', password = '', host = '' } = match.groups ?? {};
		const span = match.indices?.groups?.['password'];
		if (!span || isStandInPassword(user, decodeURIComponentSafe(password), host)) continue;
		found.push({ kind: 'url-password', start: span[0], end: span[1], mask: true });
	}
	return found;
};

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
