// Routes of the model server: the OpenAI API under `/v1` (default session) and `/s/<id>/v1`, and
// `/_scripts` for tests in other processes to start sessions and read what they saw.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Model } from 'openai/resources/models';
import { type Handler, readJson, sendJson } from '../http-common.ts';
import { handleChat } from './chat.ts';
import { authorize, sendError } from './errors.ts';
import { DEFAULT_SESSION, type Registry } from './registry.ts';
import { CREATED } from './replies.ts';
import type { Session } from './session.ts';
import { parseScriptBody, ScriptError } from './validate.ts';

/** Listed when a session names no models; any model id is then accepted. */
export const DEFAULT_MODEL = 'scripted-model';

const apiPath = /^(?:\/s\/([^/]+))?\/v1(\/.*)$/;
const scriptPath = /^\/_scripts(?:\/([^/]+))?$/;

function modelOf(id: string): Model {
	return { id, object: 'model', created: CREATED, owned_by: 'patchbay-tests' };
}

export function baseUrlOf(origin: string, id: string): string {
	return id === DEFAULT_SESSION ? `${origin}/v1` : `${origin}/s/${id}/v1`;
}

async function serveApi(req: IncomingMessage, res: ServerResponse, session: Session, path: string) {
	if (!authorize(req, res, session.apiKey)) return;
	const models = session.models ?? [DEFAULT_MODEL];
	if (req.method === 'GET' && path === '/models') {
		sendJson(res, 200, { object: 'list', data: models.map(modelOf) });
	} else if (req.method === 'GET' && path.startsWith('/models/')) {
		const id = decodeURIComponent(path.slice('/models/'.length));
		if (models.includes(id)) sendJson(res, 200, modelOf(id));
		else
			sendError(res, 404, { message: `The model '${id}' does not exist`, code: 'model_not_found' });
	} else if (req.method === 'POST' && path === '/chat/completions') {
		await handleChat(req, res, session);
	} else {
		sendError(res, 404, { message: `Invalid URL (${req.method} /v1${path})` });
	}
}

async function serveScripts(
	req: IncomingMessage,
	res: ServerResponse,
	registry: Registry,
	id?: string
) {
	if (req.method === 'POST' && id === undefined) {
		try {
			const body = parseScriptBody(await readJson(req));
			const session = registry.create(body.turns, { apiKey: body.apiKey, models: body.models });
			const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
			sendJson(res, 201, { id: session.id, baseURL: baseUrlOf(origin, session.id) });
		} catch (error) {
			if (!(error instanceof ScriptError || error instanceof SyntaxError)) throw error;
			sendError(res, 400, { message: error.message, code: 'invalid_script' });
		}
		return;
	}
	const session = id === undefined ? undefined : registry.get(id);
	if (session === undefined || id === undefined) {
		sendError(res, 404, { message: `No script session ${String(id)}` });
	} else if (req.method === 'GET') {
		sendJson(res, 200, session.state());
	} else if (req.method === 'DELETE' && registry.delete(id)) {
		res.writeHead(204).end();
	} else {
		// The default session cannot be deleted, only replaced in-process.
		sendError(res, 405, { message: `${req.method} is not allowed on /_scripts/${id}` });
	}
}

export function createHandler(registry: Registry): Handler {
	return async (req, res) => {
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		const api = apiPath.exec(pathname);
		if (api) {
			const id = api[1] === undefined ? DEFAULT_SESSION : decodeURIComponent(api[1]);
			const session = registry.get(id);
			if (session) await serveApi(req, res, session, api[2] ?? '/');
			else sendError(res, 404, { message: `No script session ${id}` });
			return;
		}
		const scripts = scriptPath.exec(pathname);
		if (scripts) await serveScripts(req, res, registry, scripts[1]);
		else sendError(res, 404, { message: `Not found: ${req.method} ${pathname}` });
	};
}
