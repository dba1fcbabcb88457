// Injected failures: the next matching request(s) get a chosen status (and body and headers),
// or are only delayed, before any route runs. Tests use this for retries and error paths.
import { STATUS_CODES } from 'node:http';
import { documentationUrl } from './errors.ts';

export type FaultSpec = {
	/** Any method when absent. */
	method?: string;
	/** Tested against the request path with its query; a string is a regular expression. */
	pathPattern: RegExp | string;
	/** When absent the request is only delayed, then served normally. */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many matching requests fail; 1 when absent. */
	times?: number;
	delayMs?: number;
};

export type Fault = {
	status?: number;
	body: unknown;
	headers: Record<string, string>;
	delayMs: number;
};

export type Faults = {
	failNext(spec: FaultSpec): void;
	clear(): void;
	/** How many injected failures are still waiting for a request. */
	pending(): number;
	/** The fault for this request, if one is waiting; consumes one of its `times`. */
	take(method: string, target: string): Fault | null;
};

type Armed = { spec: FaultSpec; pattern: RegExp; left: number };

export function createFaults(): Faults {
	let armed: Armed[] = [];
	return {
		failNext(spec) {
			const pattern =
				typeof spec.pathPattern === 'string' ? new RegExp(spec.pathPattern) : spec.pathPattern;
			armed.push({ spec, pattern, left: spec.times ?? 1 });
		},
		clear() {
			armed = [];
		},
		pending() {
			return armed.reduce((sum, fault) => sum + fault.left, 0);
		},
		take(method, target) {
			const hit = armed.find(({ spec, pattern }) => {
				pattern.lastIndex = 0; // a /g pattern would otherwise remember its last match
				const methodMatches = spec.method === undefined || spec.method.toUpperCase() === method;
				return methodMatches && pattern.test(target);
			});
			if (!hit) return null;
			hit.left -= 1;
			if (hit.left <= 0) armed = armed.filter((fault) => fault !== hit);
			const { status, body, headers = {}, delayMs = 0 } = hit.spec;
			const message = (status && STATUS_CODES[status]) ?? 'Injected fault';
			const fallback = { message, documentation_url: documentationUrl, status: String(status) };
			return { status, body: body ?? fallback, headers, delayMs };
		}
	};
}
