// Run by node-guard-escapes.test.ts in a child Node process with the guard preloaded: tries one
// group of ways around the guard (argv[2]) and prints what happened to each, as one JSON object.
import childProcess, { spawnSync as esmSpawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { Worker } from 'node:worker_threads';

const env = process.env;
const port = Number(env.PROBE_PORT);

const failure = (error) => {
	const cause = error.cause ? ` (cause ${failure(error.cause)})` : '';
	return `${error.name} ${error.code ?? ''}: ${error.message}${cause}`;
};
const attempt = (fn) => {
	try {
		return fn();
	} catch (error) {
		return failure(error);
	}
};
const viaFetch = (url, init) =>
	fetch(url, init).then(async (response) => `${response.status} ${await response.text()}`, failure);
const viaHttp = (options) =>
	new Promise((resolve) => {
		const request = http.get(options, (response) => {
			let body = '';
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve(`${response.statusCode} ${body}`));
		});
		request.on('error', (error) => resolve(failure(error)));
	});
const viaSocket = (options) =>
	new Promise((resolve) => {
		const socket = net.connect(options);
		socket.on('connect', () => {
			socket.end();
			resolve(`connected to ${socket.remoteAddress}`);
		});
		socket.on('error', (error) => resolve(failure(error)));
	});

/** A lookup that answers `address` for any name, in both of dns.lookup's shapes. */
const answering = (address) => (hostname, options, callback) =>
	options && options.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4);
/** A caching lookup such as npm's: the system's answers, so nothing to refuse. */
const caching = (hostname, options, callback) => dns.lookup(hostname, options, callback);

const groups = {
	// a custom `lookup` that answers another address than the name has
	async lookup() {
		const other = Number(env.PROBE_OTHER_PORT);
		return {
			netOther: await viaSocket({ host: 'localhost', port: other, lookup: answering('127.0.0.2') }),
			httpOther: await viaHttp({ host: 'localhost', port: other, lookup: answering('127.0.0.2') }),
			netCaching: await viaSocket({ host: 'localhost', port, family: 4, lookup: caching }),
			httpCaching: await viaHttp({ host: 'localhost', port, family: 4, lookup: caching }),
			publicName: await viaSocket({ host: 'example.test', port, lookup: answering('127.0.0.1') })
		};
	},
	// a name the system resolver maps to a private address
	async resolved() {
		const url = `http://private.example:${port}/r`;
		return {
			fetch: await viaFetch(url),
			http: await viaHttp(url),
			net: await viaSocket({ host: 'private.example', port })
		};
	},
	async bindings() {
		const names = ['tcp_wrap', 'udp_wrap', 'pipe_wrap', 'process_wrap', 'spawn_sync', 'cares_wrap'];
		const result = {};
		for (const name of names) result[name] = attempt(() => typeof process.binding(name));
		result.fs = attempt(() => typeof process.binding('fs'));
		return result;
	},
	async dgram() {
		const target = Number(env.PROBE_UDP_PORT);
		const send = (host) =>
			new Promise((resolve) => {
				const socket = dgram.createSocket('udp4');
				socket.send(`to ${host}`, target, host, (error) => {
					socket.close();
					resolve(error ? failure(error) : 'sent');
				});
			}).catch(failure);
		return {
			createSocket: await send('127.0.0.1'),
			construct: attempt(() => typeof new dgram.Socket('udp4')),
			toLocalhost: await send('localhost'),
			toUnspecified: await send('0.0.0.0')
		};
	},
	// children started with NODE_OPTIONS or the whole environment dropped, and a forged policy
	async children() {
		const child = env.PROBE_CHILD;
		const open = JSON.stringify({ access: 'on', preset: 'all', domains: [], methods: 'all' });
		const forged = { NODE_OPTIONS: '', PATCHBAY_NETWORK_POLICY: open };
		const output = (run) =>
			new Promise((resolve) => {
				const started = run((error, stdout) => resolve(error ? failure(error) : String(stdout)));
				if (started && started.stdout) {
					let text = '';
					started.stdout.on('data', (chunk) => (text += chunk));
					started.on('close', () => resolve(text));
				}
			});
		const node = JSON.stringify(process.execPath);
		const { ChildProcess } = childProcess;
		const result = {
			spawn: await output(() =>
				childProcess.spawn(process.execPath, [child, String(port)], { env: {} })
			),
			spawnSync: String(
				childProcess.spawnSync(process.execPath, [child, String(port)], { env: forged }).stdout
			),
			execFile: await output((done) =>
				childProcess.execFile(process.execPath, [child, String(port)], { env: {} }, done)
			),
			execFileSync: String(
				childProcess.execFileSync(process.execPath, [child, String(port)], { env: forged })
			),
			exec: await output((done) =>
				childProcess.exec(`${node} ${child} ${port}`, { env: {} }, done)
			),
			execSync: String(childProcess.execSync(`${node} ${child} ${port}`, { env: forged })),
			fork: await output(() =>
				childProcess.fork(child, [String(port)], { env: {}, execArgv: [], stdio: 'pipe' })
			),
			esmImport: String(
				esmSpawnSync(process.execPath, [child, String(port)], { env: forged }).stdout
			),
			childProcessClass: await output(() => {
				const spawned = new ChildProcess();
				spawned.spawn({
					file: process.execPath,
					args: [process.execPath, child, String(port)],
					envPairs: ['NODE_OPTIONS='],
					stdio: ['ignore', 'pipe', 'ignore']
				});
				return spawned;
			}),
			worker: await new Promise((resolve) => {
				const worker = new Worker(child, { env: forged, execArgv: [], argv: [String(port)] });
				worker.on('message', (text) => resolve(text));
				worker.on('error', (error) => resolve(failure(error)));
			})
		};
		// Last: this process's own environment emptied of the guard, then a child with no options.
		delete process.env.NODE_OPTIONS;
		process.env.PATCHBAY_NETWORK_POLICY = open;
		result.strippedParent = String(
			childProcess.spawnSync(process.execPath, [child, String(port)]).stdout
		);
		return result;
	},
	async override() {
		const url = `http://127.0.0.1:${port}/o`;
		return {
			fetchHeader: await viaFetch(url, { headers: { 'X-HTTP-Method-Override': 'DELETE' } }),
			fetchRequest: await viaFetch(new Request(url, { headers: { 'x-method-override': 'PATCH' } })),
			fetchQuery: await viaFetch(`${url}?_method=DELETE`),
			httpHeader: await viaHttp({
				host: '127.0.0.1',
				port,
				path: '/o',
				headers: { 'X-HTTP-Method': 'PUT' }
			}),
			httpLateHeader: await new Promise((resolve) => {
				const request = http.request(url, (response) => {
					response.resume();
					resolve(`${response.statusCode}`);
				});
				request.on('error', (error) => resolve(failure(error)));
				try {
					request.setHeader('X-HTTP-Method-Override', 'DELETE');
					request.end();
				} catch (error) {
					request.destroy();
					resolve(failure(error));
				}
			}),
			httpArrayHeaders: await viaHttp({
				host: '127.0.0.1',
				port,
				path: '/o',
				headers: ['X-Method-Override', 'PUT', 'Accept', '*/*']
			}),
			fetchReadOverride: await viaFetch(url, { headers: { 'X-HTTP-Method-Override': 'GET' } })
		};
	}
};

groups[process.argv[2]]().then((results) => {
	process.stdout.write(JSON.stringify(results));
	process.exit(0);
});
