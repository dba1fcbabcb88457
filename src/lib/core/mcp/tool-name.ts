// The name a server's tool is offered to the model under: `<server>__<tool>`, so two servers'
// `search` tools stay apart and the log says whose tool ran. Model APIs accept only
// [a-zA-Z0-9_-] and at most 64 characters in a function name (OpenAI's rule; others are looser).

export const MAX_TOOL_NAME = 64;
const SEPARATOR = '__';

/** `text` in the model API's charset: anything else becomes `_`, runs of `_` one. */
export function sanitizeNamePart(text: string): string {
	const cleaned = text
		.normalize('NFKD')
		.replace(/[^a-zA-Z0-9_-]+/g, '_')
		.replace(/_{2,}/g, '_')
		.replace(/^[_-]+|[_-]+$/g, '');
	return cleaned || 'x';
}

/**
 * The prefixed name. Too long a name is cut and ends with a short hash of the whole original,
 * so two long names that share a start still differ.
 */
export function mcpToolName(server: string, tool: string): string {
	const name = `${sanitizeNamePart(server).slice(0, 24)}${SEPARATOR}${sanitizeNamePart(tool)}`;
	if (name.length <= MAX_TOOL_NAME) return name;
	const hash = fnv1a(`${server}\u0000${tool}`);
	return `${name.slice(0, MAX_TOOL_NAME - hash.length - 1)}-${hash}`;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, enough to tell names apart. */
function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}
