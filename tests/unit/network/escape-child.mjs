// Started by escape-probe.mjs as a child process or worker, often with its environment emptied:
// tries one fetch to the test server (port in argv) and reports what happened.
import { parentPort } from 'node:worker_threads';
const url = `http://127.0.0.1:${process.argv[2]}/child`;
fetch(url).then(
	(response) => report(`${response.status}`),
	(error) => report(error.message)
);
function report(text) {
	if (parentPort) parentPort.postMessage(text);
	else process.stdout.write(text);
}
