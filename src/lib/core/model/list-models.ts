import OpenAI from 'openai';
import { AppError, diagnoseNetworkFailure, hostOf } from '../http/index.ts';

export type ModelEndpoint = { baseURL: string; apiKey: string };

/** Lists the model ids an OpenAI-compatible server offers (`GET {baseURL}/models`). */
export async function listModels(endpoint: ModelEndpoint, signal?: AbortSignal): Promise<string[]> {
	const client = new OpenAI({
		baseURL: endpoint.baseURL.replace(/\/+$/, ''),
		// Local servers need no key, but the SDK insists on one.
		apiKey: endpoint.apiKey || 'no-key',
		dangerouslyAllowBrowser: true,
		maxRetries: 0,
		timeout: 15_000
	});
	let ids: unknown[];
	try {
		const page = await client.models.list({ signal });
		ids = page.data.map((model: { id?: unknown }) => model.id);
	} catch (error) {
		throw await explainModelError(error, endpoint.baseURL);
	}
	if (!ids.every((id): id is string => typeof id === 'string')) {
		throw notOpenAi(endpoint.baseURL, 'the model list has entries without an id');
	}
	return ids.sort();
}

function notOpenAi(baseURL: string, detail: string): AppError {
	return new AppError(
		'not-openai-compatible',
		`${baseURL} does not look like an OpenAI-compatible API: ${detail}.`,
		'The base URL usually ends in /v1 (for example http://localhost:11434/v1 for Ollama).'
	);
}

async function explainModelError(error: unknown, baseURL: string): Promise<AppError> {
	if (error instanceof OpenAI.APIUserAbortError) {
		return new AppError('aborted', 'The check was cancelled.');
	}
	if (error instanceof OpenAI.AuthenticationError) {
		return new AppError(
			'unauthorized',
			`The server refused the API key (401): ${error.message}`,
			'Check the API key. Local servers (Ollama, LM Studio) usually need none.',
			{ cause: error }
		);
	}
	if (error instanceof OpenAI.APIConnectionError) {
		const why = await diagnoseNetworkFailure(`${baseURL.replace(/\/+$/, '')}/models`);
		return why === 'cors'
			? new AppError(
					'cors-refused',
					`${hostOf(baseURL)} answered, but without CORS headers, so the browser blocked the response.`,
					'Allow this page\'s origin on the server: for Ollama set OLLAMA_ORIGINS="*"; in LM Studio enable CORS.',
					{ cause: error }
				)
			: new AppError(
					'unreachable',
					`Could not reach ${hostOf(baseURL)}.`,
					'Check the base URL and that the server is running and reachable from this browser.',
					{ cause: error }
				);
	}
	if (error instanceof OpenAI.APIError && (error.status === 404 || error.status === 405)) {
		return notOpenAi(baseURL, `GET /models answered ${error.status}`);
	}
	if (error instanceof OpenAI.APIError && error.status !== undefined) {
		return new AppError('http-error', `The server answered ${error.status}: ${error.message}`, '', {
			cause: error
		});
	}
	// The SDK throws plain errors when the body is not the JSON it expects.
	return notOpenAi(baseURL, error instanceof Error ? error.message : String(error));
}
