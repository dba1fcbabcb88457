// A small runtime check of a JSON body's shape whose TypeScript type is known (`Infer`), so one
// description can be held against a published type and an app type at compile time and against a
// peer's real answer at run time. (Ajv's JSONSchemaType cannot type a required nullable field.)
export type Shape<T> = {
	readonly describe: string;
	/** What is wrong with `value` at `at` (a JSON pointer); empty when it fits. */
	problems(value: unknown, at: string): string[];
	/** Only carries `T` for `Infer`. */
	readonly type?: T;
};

export type Infer<S> = S extends Shape<infer T> ? T : never;

function leaf<T>(describe: string, fits: (value: unknown) => boolean): Shape<T> {
	return {
		describe,
		problems: (value, at) =>
			fits(value) ? [] : [`${at || '/'}: expected ${describe}, got ${JSON.stringify(value)}`]
	};
}

export const string = leaf<string>('a string', (v) => typeof v === 'string');
export const integer = leaf<number>('an integer', (v) => Number.isInteger(v));
export const boolean = leaf<boolean>('a boolean', (v) => typeof v === 'boolean');
export const sha = leaf<string>('a 40-hex object id', (v) => /^[0-9a-f]{40}$/.test(String(v)));

export function oneOf<const L extends readonly string[]>(...values: L): Shape<L[number]> {
	return leaf(`one of ${values.join(', ')}`, (v) => values.includes(v as string));
}

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
	return {
		describe: `${shape.describe} or null`,
		problems: (value, at) => (value === null ? [] : shape.problems(value, at))
	};
}

export function array<T>(item: Shape<T>): Shape<T[]> {
	return {
		describe: `an array of ${item.describe}`,
		problems: (value, at) =>
			Array.isArray(value)
				? value.flatMap((v, i) => item.problems(v, `${at}/${i}`))
				: [`${at || '/'}: expected an array, got ${JSON.stringify(value)}`]
	};
}

/** An object with at least these fields (a forge sends more; the app reads these). */
export function object<P extends Record<string, Shape<unknown>>>(
	fields: P
): Shape<{ [K in keyof P]: Infer<P[K]> }> {
	return {
		describe: `an object with ${Object.keys(fields).join(', ')}`,
		problems(value, at) {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				return [`${at || '/'}: expected an object, got ${JSON.stringify(value)}`];
			const record = value as Record<string, unknown>;
			return Object.entries(fields).flatMap(([key, shape]) =>
				key in record ? shape.problems(record[key], `${at}/${key}`) : [`${at}/${key}: missing`]
			);
		}
	};
}

export function either<A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> {
	return {
		describe: `${a.describe}, or ${b.describe}`,
		problems(value, at) {
			const first = a.problems(value, at);
			return first.length === 0 || b.problems(value, at).length === 0
				? []
				: [`${at || '/'}: expected ${a.describe}, or ${b.describe}; got ${JSON.stringify(value)}`];
		}
	};
}
