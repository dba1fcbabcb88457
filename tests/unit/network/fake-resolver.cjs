// Preloaded ahead of the guard by node-guard-escapes.test.ts: stands in for the system resolver
// (dns.lookup, as the guard finds it at startup), answering for names no real resolver here
// knows. private.example resolves to the loopback address, as a DNS-rebinding name would.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- preloaded with --require, ahead of the guard */
const dns = require('node:dns');
const real = dns.lookup;
const fake = { 'private.example': '127.0.0.1' };
dns.lookup = function lookup(hostname, options, callback) {
	const done = typeof options === 'function' ? options : callback;
	const opts = typeof options === 'object' && options !== null ? options : {};
	const address = fake[hostname];
	if (address === undefined) return real.call(this, hostname, options, callback);
	process.nextTick(() =>
		opts.all ? done(null, [{ address, family: 4 }]) : done(null, address, 4)
	);
};
