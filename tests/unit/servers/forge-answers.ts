// Every answer a forge peer gives the app's own code, recorded (by wrapping `fetch`, which the
// app's REST client and blob fetches call) and held to the shape of the endpoint it came from.
import type { Shape } from './json-shape.ts';

export type Answer = { method: string; path: string; status: number; body: unknown };

/** An endpoint the app calls, `path` matched against the path under the API base. */
export type Endpoint = {
	name: string;
	method: string;
	path: RegExp;
	/** The 2xx body's shape; `bytes` for an endpoint that answers raw bytes, not JSON. */
	shape: Shape<unknown> | 'bytes';
};

/** Wraps `globalThis.fetch` so every answer from under `apiBase` is kept; returns the undo. */
export function recordAnswers(apiPrefix: () => string, answers: Answer[]): () => void {
	const real = globalThis.fetch;
	globalThis.fetch = async (input, init) => {
		const response = await real(input, init);
		const url = new URL(input instanceof Request ? input.url : String(input));
		const prefix = apiPrefix();
		if (!url.href.startsWith(prefix)) return response;
		const json = (response.headers.get('content-type') ?? '').includes('json');
		answers.push({
			method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
			path: url.pathname.slice(new URL(prefix).pathname.length),
			status: response.status,
			body: json ? await response.clone().json() : { notJson: response.headers.get('content-type') }
		});
		return response;
	};
	return () => {
		globalThis.fetch = real;
	};
}

/**
 * What is wrong with the recorded answers: one that no endpoint names, a 2xx body that does not
 * fit its endpoint's shape, or an error body that does not fit `errorShape`. Also returns which
 * endpoints were seen answering 2xx, so a test can insist every one was driven.
 */
export function checkAnswers(
	answers: Answer[],
	endpoints: Endpoint[],
	errorShape: Shape<unknown>
): { problems: string[]; seen: Set<string> } {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const answer of answers) {
		const where = `${answer.method} ${answer.path} ${answer.status}`;
		const endpoint = endpoints.find((e) => e.method === answer.method && e.path.test(answer.path));
		if (!endpoint) {
			problems.push(`${where}: no endpoint in the table`);
			continue;
		}
		if (answer.status >= 400) {
			problems.push(...errorShape.problems(answer.body, '').map((p) => `${where}: ${p}`));
			continue;
		}
		seen.add(endpoint.name);
		if (endpoint.shape === 'bytes') continue;
		problems.push(...endpoint.shape.problems(answer.body, '').map((p) => `${where}: ${p}`));
	}
	return { problems, seen };
}
