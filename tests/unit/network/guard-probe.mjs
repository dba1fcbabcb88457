// Run by node-guard.test.ts in a child Node process with the guard preloaded: tries each way
// out of a Node process in turn and prints what happened to each, as one JSON object.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const port = Number(process.env.PROBE_PORT);
const closedPort = Number(process.env.PROBE_CLOSED_PORT);
const local = `http://127.0.0.1:${port}`;

const failure = (error) => {
	const cause = error.cause ? ` (cause ${failure(error.cause)})` : '';
	return `${error.name} ${error.code ?? ''}: ${error.message}${cause}`;
};

const viaFetch = (url, init) =>
	fetch(url, init).then(async (response) => `${response.status} ${await response.text()}`, failure);

const viaHttp = (start) =>
	new Promise((resolve) => {
		const request = start((response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve(`${response.statusCode} ${body}`));
		});
		request.on('error', (error) => resolve(failure(error)));
		request.end();
	});

const viaSocket = (socket) =>
	new Promise((resolve) => {
		socket.on('connect', () => {
			socket.end();
			resolve('connected');
		});
		socket.on('error', (error) => resolve(failure(error)));
	});

const viaWebSocket = () => {
	try {
		new WebSocket(`ws://127.0.0.1:${port}/ws`).close();
		return 'constructed';
	} catch (error) {
		return failure(error);
	}
};

const results = {
	fetchGet: await viaFetch(`${local}/f?token=s3cret`),
	fetchPost: await viaFetch(`${local}/f`, { method: 'POST', body: 'x' }),
	fetchRedirect: await viaFetch(`${local}/redirect`),
	httpGet: await viaHttp((done) => http.get(`${local}/h`, done)),
	httpPost: await viaHttp((done) =>
		http.request({ host: '127.0.0.1', port, method: 'POST', path: '/p' }, done)
	),
	httpsAllowed: await viaHttp((done) => https.request(`https://127.0.0.1:${closedPort}/s`, done)),
	httpsDenied: await viaHttp((done) => https.request(`https://localhost:${closedPort}/s`, done)),
	httpUpgrade: await viaHttp((done) =>
		http.get({ host: '127.0.0.1', port, path: '/u', headers: { Upgrade: 'websocket' } }, done)
	),
	netConnect: await viaSocket(net.connect(port, '127.0.0.1')),
	tlsConnect: await viaSocket(tls.connect(closedPort, '127.0.0.1')),
	webSocket: viaWebSocket()
};
process.stdout.write(JSON.stringify(results));
process.exit(0);
