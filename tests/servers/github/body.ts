// Typed reads of a JSON request body, failing the way GitHub's schema checks do.
import { ApiError } from './errors.ts';

export type Fields = Record<string, unknown>;

export function asFields(value: unknown): Fields {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ApiError(400, 'Problems parsing JSON');
	}
	return value as Fields;
}

const missing = (name: string): ApiError =>
	new ApiError(422, `Invalid request.\n\n"${name}" wasn't supplied.`);

const wrongType = (name: string, value: unknown, type: string): ApiError =>
	new ApiError(
		422,
		`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not ${type}.`
	);

export function requiredString(fields: Fields, name: string): string {
	const value = fields[name];
	if (value === undefined) throw missing(name);
	if (typeof value !== 'string') throw wrongType(name, value, 'a string');
	return value;
}

export function optionalString(fields: Fields, name: string): string | undefined {
	const value = fields[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw wrongType(name, value, 'a string');
	return value;
}

export function optionalBoolean(fields: Fields, name: string): boolean | undefined {
	const value = fields[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw wrongType(name, value, 'a boolean');
	return value;
}

export function optionalArray(fields: Fields, name: string): unknown[] | undefined {
	const value = fields[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) throw wrongType(name, value, 'an array');
	return value;
}

export function optionalObject(fields: Fields, name: string): Fields | undefined {
	const value = fields[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(name, value, 'an object');
	return value as Fields;
}
