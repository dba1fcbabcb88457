// An OpenAI-compatible chat completions server that plays a scripted conversation and checks each
// request it receives, standing in for a live model that no test here can reach.
//   node tests/servers/model.ts --port 0 [--api-key K] [--models a,b] [--script file.json]
// prints its URL on stdout and serves until killed; see `model/script.ts` for the script.
import { readFile } from 'node:fs/promises';
import { argValue, isMain, listen } from './http-common.ts';
import { DEFAULT_SESSION, Registry } from './model/registry.ts';
import { baseUrlOf, createHandler } from './model/routes.ts';
import type { ChatRequest, Step } from './model/script.ts';
import type { Mismatch, SessionOptions, SessionState } from './model/session.ts';
import { parseScriptBody } from './model/validate.ts';

export type {
	Check,
	CheckFn,
	ChatRequest,
	Expect,
	MessageCheck,
	Step,
	Turn
} from './model/script.ts';
export type { Mismatch, SessionOptions, SessionState } from './model/session.ts';
export { DEFAULT_MODEL } from './model/routes.ts';

export type ModelServerOptions = {
	port?: number;
	/** When set, every request must carry `Authorization: Bearer <apiKey>`. */
	apiKey?: string;
	/** The models listed and accepted; when unset, `scripted-model` is listed and any id accepted. */
	models?: string[];
	/** Called on every mismatch, e.g. to print it from a server running in its own process. */
	onMismatch?: (mismatch: Mismatch) => void;
};

export type ModelServer = {
	url: string;
	/** The default session's API, `${url}/v1`. */
	baseURL: string;
	close(): Promise<void>;
	/** Starts a session playing `steps`; throws when the script is malformed. */
	script(steps: Step[], options?: SessionOptions): { id: string; baseURL: string };
	/** Replaces the script behind `/v1`, starting it afresh. */
	setDefaultScript(steps: Step[], options?: SessionOptions): void;
	/** A snapshot of a session (`default` for `/v1`). */
	session(id: string): SessionState | undefined;
	/** Every mismatch of every session, in order. Tests assert this is empty. */
	readonly mismatches: Mismatch[];
	/** Every chat request of every session, in order of arrival. */
	readonly requests: ChatRequest[];
};

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
	const registry = new Registry(
		{ apiKey: options.apiKey, models: options.models },
		options.onMismatch
	);
	const running = await listen(createHandler(registry), options.port ?? 0);
	const url = running.url;
	return {
		url,
		baseURL: baseUrlOf(url, DEFAULT_SESSION),
		close: running.close,
		script(steps, sessionOptions) {
			const { id } = registry.create(steps, sessionOptions);
			return { id, baseURL: baseUrlOf(url, id) };
		},
		setDefaultScript(steps, sessionOptions) {
			registry.create(steps, sessionOptions, DEFAULT_SESSION);
		},
		session: (id) => registry.get(id)?.state(),
		get mismatches() {
			return [...registry.journal.mismatches];
		},
		get requests() {
			return [...registry.journal.requests];
		}
	};
}

if (isMain(import.meta.url)) {
	const argv = process.argv.slice(2);
	const scriptFile = argValue(argv, 'script');
	const script = scriptFile
		? parseScriptBody(JSON.parse(await readFile(scriptFile, 'utf8')))
		: { turns: [] };
	const server = await startModelServer({
		port: Number(argValue(argv, 'port') ?? 0),
		apiKey: argValue(argv, 'api-key'),
		models: argValue(argv, 'models')?.split(','),
		onMismatch: (mismatch) => console.error(`model server: ${mismatch.message}`)
	});
	server.setDefaultScript(script.turns, { apiKey: script.apiKey, models: script.models });
	console.log(server.url);
}
