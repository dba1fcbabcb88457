// Checks a tool call's arguments against the tool's schema, so a tool runs only with what it
// declared and the model hears exactly what to fix.
import type { ObjectSchema, PropertySchema } from './types.ts';

/** The arguments as an object, or every problem with them. */
export function checkArgs(
	schema: ObjectSchema,
	value: unknown
): { args: Record<string, unknown> } | { problems: string[] } {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { problems: ['the arguments must be a JSON object'] };
	}
	const args: Record<string, unknown> = { ...value };
	const problems: string[] = [];
	for (const name of schema.required) {
		if (args[name] === undefined || args[name] === null) {
			problems.push(`missing required property "${name}"`);
		}
	}
	for (const [name, given] of Object.entries(args)) {
		const property = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
		if (!property) {
			problems.push(`unknown property "${name}"`);
			continue;
		}
		// Models often send null for an optional property they mean to leave out.
		if (given === null) delete args[name];
		else problems.push(...checkValue(name, property, given));
	}
	return problems.length ? { problems } : { args };
}

function checkValue(name: string, property: PropertySchema, value: unknown): string[] {
	const wrong = [`"${name}" must be ${article(property.type)}, not ${describe(value)}`];
	switch (property.type) {
		case 'string':
			return typeof value === 'string' ? [] : wrong;
		case 'boolean':
			return typeof value === 'boolean' ? [] : wrong;
		case 'number':
		case 'integer': {
			if (typeof value !== 'number' || !Number.isFinite(value)) return wrong;
			if (property.type === 'integer' && !Number.isInteger(value)) return wrong;
			if (property.minimum !== undefined && value < property.minimum) {
				return [`"${name}" must be at least ${property.minimum}, not ${value}`];
			}
			return [];
		}
	}
}

function article(type: PropertySchema['type']): string {
	return type === 'integer' ? 'an integer' : `a ${type}`;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return JSON.stringify(value);
}
