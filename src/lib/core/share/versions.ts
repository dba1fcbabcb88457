// A link's JSON is `{ "version": n, ...task }`. Every version this app can read has a reader
// that validates a document of that version and migrates it to the current `SharedTask`.
import { ShareError } from './errors.ts';
import { invalid } from './read-fields.ts';
import { SHARE_VERSION, type SharedTask } from './schema.ts';
import { validateTaskV1 } from './validate-v1.ts';

type ReadVersion = (fields: Record<string, unknown>) => SharedTask;

// When v2 arrives: add `[2, validateTaskV2]`, turn this entry into
// `(fields) => migrateV1ToV2(validateTaskV1(fields))`, and point `validateCurrent` at v2.
const readers = new Map<number, ReadVersion>([[1, validateTaskV1]]);
const validateCurrent = validateTaskV1;

export type ShareDocument = SharedTask & { version: number };

/** The JSON document for a task, after checking the task against the current schema. */
export function toDocument(task: SharedTask): ShareDocument {
	return { version: SHARE_VERSION, ...validateCurrent(task) };
}

/** The current-version task a parsed document describes, or a ShareError. */
export function fromDocument(document: unknown): SharedTask {
	if (typeof document !== 'object' || document === null || Array.isArray(document)) {
		return invalid('', 'must be a JSON object');
	}
	const { version, ...fields } = document as Record<string, unknown>;
	if (version === undefined) return invalid('version', 'is missing');
	if (typeof version !== 'number') return invalid('version', 'must be a number');
	const read = readers.get(version);
	if (read === undefined) throw unsupported(version);
	return read(fields);
}

function unsupported(version: number): ShareError {
	const known = [...readers.keys()].join(', ');
	const message =
		version > SHARE_VERSION
			? `This link was made by a newer Patchbay (schema version ${version})`
			: `This link has an unknown schema version, ${version}`;
	return new ShareError('unsupported-version', `${message}; this Patchbay reads version ${known}.`);
}

/** Checks a task against the current schema; returns a fresh copy or throws `invalid`. */
export function validateSharedTask(task: unknown): SharedTask {
	return validateCurrent(task);
}
