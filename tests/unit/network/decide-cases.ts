import {
	defaultAgentPolicy,
	defaultSetupPolicy,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';

// The decide() table, shared by policy.test.ts (decide in this process) and node-guard.test.ts
// (the same cases through the guard inside a guarded Node process).

const on = (
	preset: NetworkPolicy['preset'],
	domains: string[],
	methods: NetworkPolicy['methods']
): NetworkPolicy => ({ access: 'on', preset, domains, methods });

const off = defaultAgentPolicy;
const setup = defaultSetupPolicy;
const exampleRead = on('none', ['example.com'], 'read');
const exampleAll = on('none', ['example.com'], 'all');
const nothing = on('none', [], 'read');
const common = on('common', [], 'read');
const commonPlus = on('common', ['example.com'], 'all');
const anyRead = on('all', [], 'read');
const local = on('none', ['127.0.0.1', '[::1]', 'localhost'], 'all');
const wildcard = on('none', ['*.Example.COM'], 'read');
const idn = on('none', ['bücher.de'], 'read');
// Malformed entries (stored before validation existed, or hand-edited) must allow nothing.
const junk = on(
	'none',
	['http://example.com', 'example.com:8080', 'foo bar', '', '*.', '*'],
	'all'
);
// Off wins over everything else in the policy.
const offButOpen: NetworkPolicy = { access: 'off', preset: 'all', domains: [], methods: 'all' };

export type DecideCase = [
	policy: NetworkPolicy,
	url: string,
	method: string | undefined,
	allowed: boolean,
	reason: string
];

const yes = (rule: string) => [true, rule] as const;
const no = (rule: string) => [false, rule] as const;
const example = yes('allowed domain: example.com');
const readOnly = (verb: string) => no(`method ${verb} not allowed (read-only)`);
const socketReadOnly = no('WebSocket not allowed (read-only)');
const notListed = (host: string) => no(`not in allowlist: ${host}`);
const loopback = yes('allowed domain: 127.0.0.1');

export const decideCases: DecideCase[] = [
	// access
	[off, 'https://github.com/', 'GET', ...no('network off')],
	[off, 'not a url', undefined, ...no('network off')],
	[offButOpen, 'https://example.com/', 'GET', ...no('network off')],
	[setup, 'https://evil.net/upload', 'POST', ...yes('all hosts allowed')],
	[setup, 'wss://evil.net/', 'GET', ...yes('all hosts allowed')],
	[setup, 'HTTPS://EXAMPLE.COM/', 'get', ...yes('all hosts allowed')],
	// schemes, and URLs that do not parse
	[setup, 'ftp://example.com/file', 'GET', ...no('scheme ftp: not allowed')],
	[setup, 'file:///etc/passwd', 'GET', ...no('scheme file: not allowed')],
	[setup, 'data:text/plain,hi', 'GET', ...no('scheme data: not allowed')],
	[setup, 'javascript:alert(1)', 'GET', ...no('scheme javascript: not allowed')],
	[setup, 'blob:https://example.com/uuid', 'GET', ...no('scheme blob: not allowed')],
	[setup, '//example.com/', 'GET', ...no('invalid URL')],
	[setup, 'example.com', 'GET', ...no('invalid URL')],
	[setup, '', 'GET', ...no('invalid URL')],
	[setup, 'http://', 'GET', ...no('invalid URL')],
	[setup, 'http://exa mple.com/', 'GET', ...no('invalid URL')],
	[setup, 'http://256.0.0.1/', 'GET', ...no('invalid URL')],
	// domain entries: the domain and its subdomains, nothing else
	[exampleRead, 'https://example.com/', 'GET', ...example],
	[exampleRead, 'https://api.example.com/v1', 'GET', ...example],
	[exampleRead, 'https://a.b.c.example.com/', 'GET', ...example],
	[exampleRead, 'https://notexample.com/', 'GET', ...notListed('notexample.com')],
	[exampleRead, 'https://example.com.evil.net/', 'GET', ...notListed('example.com.evil.net')],
	[exampleRead, 'https://evil.net/?next=https://example.com', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://github.com/', 'GET', ...notListed('github.com')],
	[nothing, 'https://example.com/', 'GET', ...notListed('example.com')],
	// case, trailing dots, ports
	[exampleRead, 'https://EXAMPLE.com/', 'GET', ...example],
	[exampleRead, 'https://example.com./', 'GET', ...example],
	[exampleRead, 'https://example.com../', 'GET', ...notListed('example.com.')],
	[exampleRead, 'https://example.com.%2e/', 'GET', ...notListed('example.com.')],
	[exampleRead, 'https://example.com:8443/', 'GET', ...example],
	[exampleRead, 'http://example.com:1/', 'GET', ...example],
	// user-info, and characters that move where the host ends
	[exampleRead, 'https://user:pass@example.com/', 'GET', ...example],
	[exampleRead, 'https://example.com@evil.net/', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://example.com:443@evil.net/', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://evil.net\\@example.com/', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://evil.net\\.example.com/', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://evil.net#@example.com', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https://evil.net?@example.com', 'GET', ...notListed('evil.net')],
	[exampleRead, 'https:\\\\example.com\\path', 'GET', ...example],
	[exampleRead, 'https:example.com', 'GET', ...example],
	[exampleRead, '  https://example.com/  ', 'GET', ...example],
	[exampleRead, 'https://exa\tmple.com/', 'GET', ...example],
	[exampleRead, 'https://example.com\n.evil.net/', 'GET', ...notListed('example.com.evil.net')],
	// encoded dots and other percent-escapes in the host
	[exampleRead, 'https://example.com%2eevil.net/', 'GET', ...notListed('example.com.evil.net')],
	[exampleRead, 'https://api%2eexample.com/', 'GET', ...example],
	[exampleRead, 'https://ex%61mple.com/', 'GET', ...example],
	// international names: look-alikes are other names; width variants are the same name
	[
		exampleRead,
		'https://ex\u0430mple.com/' /* Cyrillic а */,
		'GET',
		...notListed('xn--exmple-4nf.com')
	],
	[
		exampleRead,
		'https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com/' /* fullwidth */,
		'GET',
		...example
	],
	[exampleRead, 'https://example\u3002com/' /* ideographic full stop */, 'GET', ...example],
	[idn, 'https://bücher.de/', 'GET', ...yes('allowed domain: xn--bcher-kva.de')],
	[idn, 'https://shop.xn--bcher-kva.de/', 'GET', ...yes('allowed domain: xn--bcher-kva.de')],
	[idn, 'https://bucher.de/', 'GET', ...notListed('bucher.de')],
	// wildcard entries mean the same as plain ones; malformed entries mean nothing
	[wildcard, 'https://example.com/', 'GET', ...example],
	[wildcard, 'https://x.example.com/', 'GET', ...example],
	[wildcard, 'https://xexample.com/', 'GET', ...notListed('xexample.com')],
	[junk, 'http://example.com/', 'GET', ...notListed('example.com')],
	[junk, 'http://foo/', 'GET', ...notListed('foo')],
	// methods under read-only, compared case-insensitively; the host is checked first
	[exampleRead, 'https://example.com/', undefined, ...example],
	[exampleRead, 'https://example.com/', '', ...example],
	[exampleRead, 'https://example.com/', 'Get', ...example],
	[exampleRead, 'https://example.com/', 'head', ...example],
	[exampleRead, 'https://example.com/', 'OPTIONS', ...example],
	[exampleRead, 'http://example.com/', 'POST', ...readOnly('POST')],
	[exampleRead, 'https://example.com/', 'put', ...readOnly('PUT')],
	[exampleRead, 'https://example.com/', 'delete', ...readOnly('DELETE')],
	[exampleRead, 'https://example.com/', 'PATCH', ...readOnly('PATCH')],
	[exampleRead, 'https://example.com/', 'CONNECT', ...readOnly('CONNECT')],
	[exampleRead, 'https://evil.net/', 'POST', ...notListed('evil.net')],
	[exampleAll, 'https://example.com/', 'POST', ...example],
	[exampleAll, 'https://example.com/', 'delete', ...example],
	// WebSockets can send, so only with methods 'all'
	[exampleRead, 'wss://example.com/socket', 'GET', ...socketReadOnly],
	[exampleRead, 'ws://example.com/', undefined, ...socketReadOnly],
	[exampleRead, 'wss://evil.net/', 'GET', ...notListed('evil.net')],
	[exampleAll, 'wss://example.com/socket', 'GET', ...example],
	[exampleAll, 'ws://evil.net/', 'GET', ...notListed('evil.net')],
	// IP literals match that address only, in any spelling the URL parser accepts
	[local, 'http://127.0.0.1:8080/', 'POST', ...loopback],
	[local, 'http://2130706433/', 'GET', ...loopback],
	[local, 'http://0x7f.1/', 'GET', ...loopback],
	[local, 'http://127.1/', 'GET', ...loopback],
	[local, 'http://017700000001/', 'GET', ...loopback],
	[local, 'http://127.0.0.1./', 'GET', ...loopback],
	[local, 'http://127.0.0.2/', 'GET', ...notListed('127.0.0.2')],
	[local, 'http://0.0.0.0/', 'GET', ...notListed('0.0.0.0')],
	[local, 'http://[::1]:3000/', 'GET', ...yes('allowed domain: [::1]')],
	[local, 'http://[0:0:0:0:0:0:0:1]/', 'GET', ...yes('allowed domain: [::1]')],
	[local, 'http://[::ffff:127.0.0.1]/', 'GET', ...notListed('[::ffff:7f00:1]')],
	[local, 'http://127.0.0.1.nip.io/', 'GET', ...notListed('127.0.0.1.nip.io')],
	// localhost matches only itself; a domain entry never matches an address
	[local, 'http://localhost:5173/', 'GET', ...yes('allowed domain: localhost')],
	[local, 'http://LOCALHOST./', 'GET', ...yes('allowed domain: localhost')],
	[local, 'http://api.localhost/', 'GET', ...notListed('api.localhost')],
	[exampleRead, 'http://93.184.216.34/', 'GET', ...notListed('93.184.216.34')],
	// the common-dependencies preset
	[common, 'https://registry.npmjs.org/react', 'GET', ...yes('common dependencies: npmjs.org')],
	[
		common,
		'https://github.com/o/r.git/info/refs?service=git-upload-pack',
		'GET',
		...yes('common dependencies: github.com')
	],
	[
		common,
		'https://raw.githubusercontent.com/o/r/main/x',
		'GET',
		...yes('common dependencies: githubusercontent.com')
	],
	[
		common,
		'https://files.pythonhosted.org/p',
		'GET',
		...yes('common dependencies: pythonhosted.org')
	],
	[common, 'https://proxy.golang.org/', 'HEAD', ...yes('common dependencies: golang.org')],
	[common, 'https://pkg.go.dev/net/http', 'GET', ...yes('common dependencies: pkg.go.dev')],
	[common, 'https://static.crates.io/c', 'GET', ...yes('common dependencies: crates.io')],
	[common, 'https://go.dev/', 'GET', ...notListed('go.dev')],
	[common, 'https://evil-github.com/', 'GET', ...notListed('evil-github.com')],
	[common, 'https://github.com.evil.net/', 'GET', ...notListed('github.com.evil.net')],
	[common, 'https://example.com/', 'GET', ...notListed('example.com')],
	[common, 'https://registry.npmjs.org/pkg', 'PUT', ...readOnly('PUT')],
	[common, 'wss://github.com/', 'GET', ...socketReadOnly],
	[commonPlus, 'https://example.com/', 'POST', ...example],
	[commonPlus, 'https://github.com/', 'POST', ...yes('common dependencies: github.com')],
	[commonPlus, 'https://api.openai.com/v1', 'POST', ...notListed('api.openai.com')],
	// every host, read-only
	[anyRead, 'https://anything.example/', 'GET', ...yes('all hosts allowed')],
	[anyRead, 'https://anything.example/', 'POST', ...readOnly('POST')],
	[anyRead, 'wss://anything.example/', 'GET', ...socketReadOnly],
	[anyRead, 'gopher://anything.example/', 'GET', ...no('scheme gopher: not allowed')]
];
