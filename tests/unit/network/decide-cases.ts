import {
	defaultAgentPolicy,
	defaultSetupPolicy,
	setupPolicyFor,
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
	reason: string,
	headers?: Record<string, string | string[]> | [string, string][]
];

const yes = (rule: string) => [true, rule] as const;
const no = (rule: string) => [false, rule] as const;
const example = yes('allowed domain: example.com');
const readOnly = (verb: string) => no(`method ${verb} not allowed (read-only)`);
const socketReadOnly = no('WebSocket not allowed (read-only)');
const notListed = (host: string) => no(`not in allowlist: ${host}`);
const loopback = yes('allowed domain: 127.0.0.1');
const internet = yes('all hosts allowed');
const localRefused = (host: string) => no(`local or private address not listed: ${host}`);
const named = (verb: string, by: string) =>
	no(`method ${verb} not allowed (read-only; named by ${by})`);

// 'all' is the internet: the user's own machine and network only when listed by name.
const anyHost = on('all', [], 'all');
const anyHostPlusLocal = on('all', ['127.0.0.1', 'localhost', '[::1]', '*.internal'], 'all');
const setupWithLocal = setupPolicyFor({ domains: ['127.0.0.1', 'registry.lan.example'] });
/** Each local or private spelling under 'all': refused as the host the URL parser reads. */
const privateUnderAll: [url: string, host: string][] = [
	['http://127.0.0.1:8080/', '127.0.0.1'],
	['http://127.255.255.254/', '127.255.255.254'],
	['http://10.0.0.1/', '10.0.0.1'],
	['http://10.255.255.255/', '10.255.255.255'],
	['http://172.16.0.1/', '172.16.0.1'],
	['http://172.31.255.255/', '172.31.255.255'],
	['http://192.168.1.1/', '192.168.1.1'],
	['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
	['http://0.0.0.0:3000/', '0.0.0.0'],
	['http://0.1.2.3/', '0.1.2.3'],
	['http://100.64.0.1/', '100.64.0.1'],
	['http://100.127.255.255/', '100.127.255.255'],
	['http://192.0.0.8/', '192.0.0.8'],
	['http://198.18.0.1/', '198.18.0.1'],
	['http://224.0.0.251/', '224.0.0.251'],
	['http://255.255.255.255/', '255.255.255.255'],
	// other spellings of IPv4 addresses, as the URL parser reads them
	['http://2130706433/', '127.0.0.1'],
	['http://0x7f.1/', '127.0.0.1'],
	['http://0x7f000001/', '127.0.0.1'],
	['http://0177.0.0.1/', '127.0.0.1'],
	['http://017700000001/', '127.0.0.1'],
	['http://127.1/', '127.0.0.1'],
	['http://0/', '0.0.0.0'],
	['http://3232235777/', '192.168.1.1'],
	['http://0xa9fea9fe/', '169.254.169.254'],
	['http://10.1/', '10.0.0.1'],
	['http://%31%32%37.0.0.1/', '127.0.0.1'],
	// IPv6: loopback, unspecified, unique local, link-local, site-local, multicast
	['http://[::1]:5173/', '[::1]'],
	['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
	['http://[::]/', '[::]'],
	['http://[fc00::1]/', '[fc00::1]'],
	['http://[fd12:3456:789a::1]/', '[fd12:3456:789a::1]'],
	['http://[fe80::1]/', '[fe80::1]'],
	['http://[febf:ffff::1]/', '[febf:ffff::1]'],
	['http://[fec0::1]/', '[fec0::1]'],
	['http://[ff02::1]/', '[ff02::1]'],
	// IPv4 carried in IPv6: mapped, compatible, NAT64, 6to4
	['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
	['http://[::ffff:7f00:1]/', '[::ffff:7f00:1]'],
	['http://[::ffff:10.0.0.1]/', '[::ffff:a00:1]'],
	['http://[::ffff:192.168.0.1]/', '[::ffff:c0a8:1]'],
	['http://[::127.0.0.1]/', '[::7f00:1]'],
	['http://[64:ff9b::127.0.0.1]/', '[64:ff9b::7f00:1]'],
	['http://[2002:7f00:1::]/', '[2002:7f00:1::]'],
	// names only a local resolver answers
	['http://localhost:5173/', 'localhost'],
	['http://LOCALHOST./', 'localhost'],
	['http://api.localhost/', 'api.localhost'],
	['http://a.b.localhost/', 'a.b.localhost'],
	['http://printer.local/', 'printer.local'],
	['http://db.internal/', 'db.internal'],
	['http://router.home.arpa/', 'router.home.arpa'],
	['http://intranet/', 'intranet'],
	['https://router./', 'router']
];

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
	// 'all': every local and private range and spelling refused…
	...privateUnderAll.map(([url, host]): DecideCase => [anyHost, url, 'GET', ...localRefused(host)]),
	[anyRead, 'http://127.0.0.1/', 'GET', ...localRefused('127.0.0.1')],
	[setup, 'http://127.0.0.1:9/', 'GET', ...localRefused('127.0.0.1')],
	[setup, 'ws://localhost:8080/', 'GET', ...localRefused('localhost')],
	// …while the public neighbours of those ranges are the internet
	[anyHost, 'http://172.15.255.255/', 'GET', ...internet],
	[anyHost, 'http://172.32.0.1/', 'GET', ...internet],
	[anyHost, 'http://100.63.255.255/', 'GET', ...internet],
	[anyHost, 'http://100.128.0.1/', 'GET', ...internet],
	[anyHost, 'http://11.0.0.1/', 'GET', ...internet],
	[anyHost, 'http://169.253.0.1/', 'GET', ...internet],
	[anyHost, 'http://192.169.0.1/', 'GET', ...internet],
	[anyHost, 'http://8.8.8.8/', 'GET', ...internet],
	[anyHost, 'http://[2606:4700:4700::1111]/', 'GET', ...internet],
	[anyHost, 'http://[::ffff:8.8.8.8]/', 'GET', ...internet],
	[anyHost, 'http://[2002:808:808::]/', 'GET', ...internet],
	[anyHost, 'http://localhost.example.com/', 'GET', ...internet],
	[anyHost, 'http://127.0.0.1.nip.io/', 'GET', ...internet],
	// …unless listed by name, in any spelling of that address, and in setup too
	[anyHostPlusLocal, 'http://127.0.0.1:8080/', 'POST', ...loopback],
	[anyHostPlusLocal, 'http://2130706433/', 'GET', ...loopback],
	[anyHostPlusLocal, 'http://0x7f.1/', 'GET', ...loopback],
	[anyHostPlusLocal, 'http://127.0.0.2/', 'GET', ...localRefused('127.0.0.2')],
	[anyHostPlusLocal, 'http://localhost:5173/', 'GET', ...yes('allowed domain: localhost')],
	[anyHostPlusLocal, 'http://api.localhost/', 'GET', ...localRefused('api.localhost')],
	[anyHostPlusLocal, 'http://[::1]/', 'GET', ...yes('allowed domain: [::1]')],
	[anyHostPlusLocal, 'http://[::ffff:127.0.0.1]/', 'GET', ...localRefused('[::ffff:7f00:1]')],
	[anyHostPlusLocal, 'http://db.internal/', 'GET', ...yes('allowed domain: internal')],
	[anyHostPlusLocal, 'http://10.0.0.1/', 'GET', ...localRefused('10.0.0.1')],
	[anyHostPlusLocal, 'https://example.com/', 'GET', ...internet],
	[setupWithLocal, 'http://127.0.0.1:9/', 'POST', ...loopback],
	[setupWithLocal, 'http://localhost:9/', 'GET', ...localRefused('localhost')],
	[
		setupWithLocal,
		'https://registry.lan.example/',
		'PUT',
		...yes('allowed domain: registry.lan.example')
	],
	[setupWithLocal, 'https://registry.npmjs.org/', 'GET', ...internet],
	// method-override headers and `_method` are judged as the method they name
	[
		exampleRead,
		'https://example.com/',
		'GET',
		...named('DELETE', 'x-http-method-override'),
		{ 'X-HTTP-Method-Override': 'DELETE' }
	],
	[
		exampleRead,
		'https://example.com/',
		'GET',
		...named('PUT', 'x-http-method'),
		{ 'x-http-method': 'put' }
	],
	[
		exampleRead,
		'https://example.com/',
		'HEAD',
		...named('PATCH', 'x-method-override'),
		{ 'X-Method-Override': 'Patch' }
	],
	[
		exampleRead,
		'https://example.com/',
		'GET',
		...named('POST', 'x-http-method-override'),
		[['X-HTTP-METHOD-OVERRIDE', ' post ']]
	],
	[
		exampleRead,
		'https://example.com/',
		'GET',
		...named('DELETE', 'x-http-method-override'),
		{ 'x-http-method-override': ['GET', 'DELETE'] }
	],
	[
		exampleRead,
		'https://example.com/',
		'GET',
		...named('DELETE', 'x-http-method'),
		{ 'X-HTTP-Method': 'get, delete' }
	],
	[exampleRead, 'https://example.com/', 'GET', ...example, { 'X-HTTP-Method-Override': 'GET' }],
	[exampleRead, 'https://example.com/', 'GET', ...example, { 'X-HTTP-Method-Override': '' }],
	[exampleRead, 'https://example.com/', 'GET', ...example, { 'X-Forwarded-Method': 'DELETE' }],
	[exampleRead, 'https://example.com/x?_method=DELETE', 'GET', ...named('DELETE', '_method')],
	[exampleRead, 'https://example.com/x?a=1&_METHOD=put', 'GET', ...named('PUT', '_method')],
	[exampleRead, 'https://example.com/x?_method=get', 'GET', ...example],
	[exampleRead, 'https://example.com/x?method=DELETE', 'GET', ...example],
	[
		exampleRead,
		'https://example.com/',
		'POST',
		...readOnly('POST'),
		{ 'X-HTTP-Method-Override': 'GET' }
	],
	[exampleAll, 'https://example.com/', 'GET', ...example, { 'X-HTTP-Method-Override': 'DELETE' }],
	[exampleAll, 'https://example.com/x?_method=DELETE', 'GET', ...example],
	[
		off,
		'https://example.com/',
		'GET',
		...no('network off'),
		{ 'X-HTTP-Method-Override': 'DELETE' }
	],
	// every host, read-only
	[anyRead, 'https://anything.example/', 'GET', ...yes('all hosts allowed')],
	[anyRead, 'https://anything.example/', 'POST', ...readOnly('POST')],
	[anyRead, 'wss://anything.example/', 'GET', ...socketReadOnly],
	[anyRead, 'gopher://anything.example/', 'GET', ...no('scheme gopher: not allowed')]
];
