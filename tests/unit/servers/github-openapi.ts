// Checks response bodies against GitHub's published OpenAPI description (@octokit/openapi,
// api.github.com), so the fake GitHub cannot drift from the shapes real clients expect.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;
type Media = { content?: Record<string, { schema?: Json }> };
type Operation = { responses?: Record<string, Media & { $ref?: string }> };
type Spec = {
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, Json>; responses: Record<string, Media> };
};

// ajv-formats is CommonJS with its function on `default`; Node's ESM loader hands us the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
	addFormatsModule) as (ajv: Ajv) => Ajv;

const require = createRequire(import.meta.url);
const spec = JSON.parse(
	readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
) as Spec;

function createAjv(): Ajv {
	// strict: false lets GitHub's OpenAPI keywords (example, discriminator, x-*) pass unread;
	// `nullable` is understood by Ajv itself.
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({
		$id: 'github',
		components: { schemas: untypedNullables(spec.components.schemas) }
	});
	return ajv;
}

/**
 * Ajv reads `nullable` only beside `type`; GitHub also writes it beside `allOf`/`anyOf`/`$ref`
 * (inside the issue schema, for one). Such a schema becomes "that, or null".
 */
function untypedNullables<T>(schema: T): T {
	if (Array.isArray(schema)) return schema.map(untypedNullables) as T;
	if (typeof schema !== 'object' || schema === null) return schema;
	const entries = Object.entries(schema).map(([key, value]) => [key, untypedNullables(value)]);
	const copy = Object.fromEntries(entries) as Json;
	if (copy.nullable !== true || 'type' in copy) return copy as T;
	delete copy.nullable;
	return { anyOf: [copy, { type: 'null' }] } as T;
}

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();

/** The schema for one response: the operation's own, or GitHub's basic-error for other errors. */
function responseSchema(method: string, route: string, status: number): Json | null {
	const responses = spec.paths[route]?.[method.toLowerCase()]?.responses ?? {};
	const listed = responses[String(status)];
	const media = listed?.$ref
		? spec.components.responses[listed.$ref.replace('#/components/responses/', '')]
		: listed;
	const schema = media?.content?.['application/json']?.schema;
	if (schema) return schema;
	return status >= 400 ? { $ref: '#/components/schemas/basic-error' } : null;
}

/** Rewrites local `#/components/...` refs to the registered `github` document. */
function anchored(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(anchored);
	if (typeof schema !== 'object' || schema === null) return schema;
	return Object.fromEntries(
		Object.entries(schema).map(([key, value]) => [
			key,
			key === '$ref' && typeof value === 'string' ? `github${value}` : anchored(value)
		])
	);
}

/** Problems with `body` as the response to `method route` with `status`; empty when it fits. */
export function responseProblems(
	method: string,
	route: string,
	status: number,
	body: unknown
): string[] {
	const key = `${method} ${route} ${status}`;
	let validate = cache.get(key);
	if (!validate) {
		const schema = responseSchema(method, route, status);
		if (!schema) return [`${key}: the OpenAPI description has no schema for it`];
		validate = ajv.compile(anchored(schema) as Json);
		cache.set(key, validate);
	}
	if (validate(body)) return [];
	return (validate.errors ?? []).map(
		(error) => `${key}: ${error.instancePath || '/'} ${error.message}`
	);
}

/**
 * The route template for a concrete path (as when octokit.paginate follows a Link URL);
 * among several matches, the one with the fewest parameters is the most specific.
 */
export function routeFor(method: string, path: string): string | null {
	const candidates = Object.keys(spec.paths).filter((route) => {
		if (!spec.paths[route]?.[method.toLowerCase()]) return false;
		const source = route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
		return new RegExp(`^${source}$`).test(path);
	});
	const params = (route: string) => route.split('{').length;
	return candidates.sort((a, b) => params(a) - params(b))[0] ?? null;
}
