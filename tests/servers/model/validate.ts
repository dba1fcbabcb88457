// Validates a script before it is played. Scripts often arrive as JSON from another process, where
// a misspelt key would otherwise be ignored and turn a check into one that cannot fail.
import type { ScriptBody, Step } from './script.ts';

/** Returns the problems found in `value`, each prefixed with where it is. */
type Rule = (value: unknown, where: string) => string[];

export class ScriptError extends Error {
	readonly code = 'invalid_script';
}

const ok: string[] = [];

function kind(test: (value: unknown) => boolean, expected: string): Rule {
	return (value, where) => (test(value) ? ok : [`${where}: expected ${expected}`]);
}

const text = kind((v) => typeof v === 'string', 'a string');
const texts = kind(
	(v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')),
	'a string or an array of strings'
);
const names = kind(
	(v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
	'an array of strings'
);
const count = kind((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a number ≥ 0');
const flag = kind((v) => typeof v === 'boolean', 'a boolean');
const yes = kind((v) => v === true, 'true');
const roleNames = ['system', 'developer', 'user', 'assistant', 'tool'];
const role = kind((v) => roleNames.includes(String(v)), `one of ${roleNames.join(', ')}`);
const roles = kind(
	(v) => Array.isArray(v) && v.every((r) => roleNames.includes(String(r))),
	'roles'
);
const finish = kind(
	(v) => ['stop', 'length', 'tool_calls', 'content_filter'].includes(String(v)),
	'stop, length, tool_calls or content_filter'
);
const argumentsRule = kind(
	(v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)),
	'an object or a string'
);
const codeRule = kind((v) => v === null || typeof v === 'string', 'a string or null');

function shape(rules: Record<string, Rule>, required: string[] = []): Rule {
	return (value, where) => {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return [`${where}: expected an object`];
		}
		const problems = required
			.filter((key) => !(key in value))
			.map((key) => `${where}: missing "${key}"`);
		for (const [key, field] of Object.entries(value)) {
			const rule = rules[key];
			if (!rule) problems.push(`${where}: unknown key "${key}"`);
			else if (field !== undefined) problems.push(...rule(field, `${where}.${key}`));
		}
		return problems;
	};
}

function list(item: Rule): Rule {
	return (value, where) =>
		Array.isArray(value)
			? value.flatMap((entry, at) => item(entry, `${where}[${at}]`))
			: [`${where}: expected an array`];
}

const check = shape({
	model: text,
	stream: flag,
	systemContains: texts,
	messages: shape({ count, roles, someContains: texts, noneContains: texts, images: count }),
	lastMessage: shape({
		role,
		contains: texts,
		notContains: texts,
		equals: text,
		toolCallId: text,
		toolCalls: names,
		images: count
	}),
	tools: shape({ include: names, exclude: names, exactly: names })
});

// Function checks only exist in-process; they cannot be validated beyond being functions.
const oneExpect: Rule = (value, where) => (typeof value === 'function' ? ok : check(value, where));
const expect: Rule = (value, where) =>
	Array.isArray(value) ? list(oneExpect)(value, where) : oneExpect(value, where);

const common = { expect, delayMs: count };

const turn = shape({
	...common,
	content: text,
	toolCalls: list(shape({ name: text, arguments: argumentsRule, id: text }, ['name', 'arguments'])),
	finishReason: finish,
	usage: shape(
		{ promptTokens: count, completionTokens: count, cachedTokens: count, reasoningTokens: count },
		['promptTokens', 'completionTokens']
	),
	chunkChars: kind((v) => Number.isInteger(v) && Number(v) > 0, 'an integer > 0'),
	chunkDelayMs: count,
	keepAliveMs: kind((v) => Number.isInteger(v) && Number(v) > 0, 'an integer > 0'),
	cutAfterChunks: count,
	hangAfterChunks: count
});

const errorStep = shape({
	...common,
	error: shape(
		{
			status: kind(
				(v) => Number.isInteger(v) && Number(v) >= 400 && Number(v) < 600,
				'a 4xx/5xx status'
			),
			message: text,
			type: text,
			code: codeRule,
			retryAfter: count
		},
		['status']
	)
});

const hangStep = shape({ ...common, hang: yes }, ['hang']);

const step: Rule = (value, where) => {
	if (typeof value === 'object' && value !== null) {
		if ('error' in value) return errorStep(value, where);
		if ('hang' in value) return hangStep(value, where);
		if ('cutAfterChunks' in value && 'hangAfterChunks' in value) {
			return [`${where}: cutAfterChunks and hangAfterChunks exclude each other`];
		}
	}
	return turn(value, where);
};

/** Returns `value` as steps, or throws a ScriptError listing every problem. */
export function parseSteps(value: unknown): Step[] {
	const problems = list(step)(value, 'turns');
	if (problems.length) throw new ScriptError(`Invalid script: ${problems.join('; ')}`);
	return value as Step[];
}

/** Accepts `{turns, apiKey?, models?}`, or a bare array of steps. */
export function parseScriptBody(value: unknown): ScriptBody {
	const body = Array.isArray(value) ? { turns: value } : value;
	// `turns` is checked below by parseSteps, which names each step's problems.
	const problems = shape({ turns: () => ok, apiKey: text, models: names }, ['turns'])(
		body,
		'script'
	);
	if (problems.length) throw new ScriptError(`Invalid script: ${problems.join('; ')}`);
	const { turns, apiKey, models } = body as ScriptBody;
	return { turns: parseSteps(turns), apiKey, models };
}
