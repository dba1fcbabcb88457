// Hand-written field readers for untrusted data. Each returns a fresh value built from the
// fields it checked, never the input itself, so nothing unchecked (an extra property, a
// getter, a `toJSON`) can pass through. Depth is fixed by the schema, so deep input cannot
// recurse far: a reader fails at the first value that is not the expected shape.
import { ShareError } from './errors.ts';
import type { ListCap, TextCap } from './limits.ts';

export type Read<T> = (value: unknown, path: string) => T;

export function invalid(path: string, problem: string): never {
	throw new ShareError('invalid', `${path === '' ? 'task' : path} ${problem}`, { path });
}

export function childPath(path: string, key: string): string {
	return path === '' ? key : `${path}.${key}`;
}

export const readString: Read<string> = (value, path) =>
	typeof value === 'string' ? value : invalid(path, 'must be a string');

export const readBoolean: Read<boolean> = (value, path) =>
	typeof value === 'boolean' ? value : invalid(path, 'must be a boolean');

/** A count such as a number of tokens: a whole number, not negative. */
export const readCount: Read<number> = (value, path) => {
	if (typeof value !== 'number') return invalid(path, 'must be a number');
	const whole = Number.isSafeInteger(value) && value >= 0;
	return whole ? value : invalid(path, 'must be a whole number ≥ 0');
};

/** A duration in milliseconds: finite, not negative. */
export const readDuration: Read<number> = (value, path) => {
	if (typeof value !== 'number') return invalid(path, 'must be a number');
	if (!Number.isFinite(value) || value < 0) return invalid(path, 'must be a finite number ≥ 0');
	return value;
};

export function readOneOf<T extends string>(options: readonly T[]): Read<T> {
	const list = options.map((option) => `'${option}'`).join(', ');
	const isOption = (value: unknown): value is T => (options as readonly unknown[]).includes(value);
	return (value, path) => (isOption(value) ? value : invalid(path, `must be one of ${list}`));
}

const count = (n: number) => n.toLocaleString('en-US');

function overCap(path: string, message: string): never {
	throw new ShareError('invalid', message, { path });
}

/** A string no longer than the cap. */
export function readText(cap: TextCap): Read<string> {
	return (value, path) => {
		const text = readString(value, path);
		if (text.length <= cap.chars) return text;
		const size = `${count(text.length)} characters long`;
		return overCap(path, `${cap.what} is ${size}; at most ${count(cap.chars)} are allowed.`);
	};
}

/** An array of at most `cap.items` items; its length is checked before any item is read. */
export function readArray<T>(readItem: Read<T>, cap: ListCap): Read<T[]> {
	return (value, path) => {
		if (!Array.isArray(value)) return invalid(path, 'must be an array');
		if (value.length > cap.items) {
			const has = `This link has ${count(value.length)} ${cap.plural}`;
			return overCap(path, `${has}; at most ${count(cap.items)} are allowed.`);
		}
		return value.map((item, index) => readItem(item, `${path}[${index}]`));
	};
}

/** An object's fields, after checking it is a plain object with no field outside `known`. */
export class FieldReader {
	readonly #fields: Record<string, unknown>;
	readonly #path: string;

	constructor(value: unknown, path: string, known: readonly string[]) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			invalid(path, 'must be an object');
		}
		const fields = value as Record<string, unknown>;
		for (const key of Object.keys(fields)) {
			if (!known.includes(key)) invalid(childPath(path, key), 'is not a known field');
		}
		this.#fields = fields;
		this.#path = path;
	}

	required<T>(key: string, read: Read<T>): T {
		const value = this.#fields[key];
		const path = childPath(this.#path, key);
		return value === undefined ? invalid(path, 'is missing') : read(value, path);
	}

	/** Absent and `undefined` both mean "not given"; JSON cannot tell them apart anyway. */
	optional<T>(key: string, read: Read<T>): T | undefined {
		const value = this.#fields[key];
		return value === undefined ? undefined : read(value, childPath(this.#path, key));
	}
}

/** Drops `undefined` fields, so an optional field that was not given is absent, not present. */
export function withoutUndefined<T extends object>(value: T): T {
	const entries = Object.entries(value).filter(([, field]) => field !== undefined);
	return Object.fromEntries(entries) as T;
}
