// Reads and checks a POST /git/trees body the way GitHub does before touching the tree: valid
// paths and modes, `sha` or `content` (not both), and every sha naming an object of the right
// type. `content` entries become blobs here.
import { asFields, optionalArray, optionalString, requiredString, type Fields } from './body.ts';
import { ApiError, unprocessable } from './errors.ts';
import { objectTypes, shaPattern, writeBlob } from './git-objects.ts';
import type { TreeEdit } from './tree-edit.ts';

const typeOfMode: Record<string, string> = {
	'100644': 'blob',
	'100755': 'blob',
	'120000': 'blob',
	'040000': 'tree',
	'160000': 'commit'
};

function checkPath(path: string): void {
	const names = path.split('/');
	const malformed = names.some(
		(name) => name === '' || name === '.' || name === '..' || name.toLowerCase() === '.git'
	);
	if (malformed || path.includes('\0')) {
		throw unprocessable('tree.path contains a malformed path component');
	}
}

type ParsedEntry = TreeEdit & { content?: string };

function parseEntry(item: unknown): ParsedEntry {
	const fields: Fields = asFields(item);
	const path = requiredString(fields, 'path');
	const mode = requiredString(fields, 'mode');
	checkPath(path);
	const modeType = typeOfMode[mode];
	if (!modeType) throw unprocessable(`tree.mode ${JSON.stringify(mode)} is not a valid mode`);
	const type = optionalString(fields, 'type') ?? modeType;
	if (type !== modeType) throw unprocessable(`tree.type ${type} does not match tree.mode ${mode}`);
	const content = optionalString(fields, 'content');
	const hasSha = 'sha' in fields;
	if (hasSha === (content !== undefined)) {
		throw unprocessable(
			'Must supply either tree.sha or tree.content. Request will fail if both are supplied.'
		);
	}
	if (content !== undefined) {
		if (type !== 'blob') throw unprocessable('tree.content is only valid for blobs');
		return { path, mode, type, sha: '', content };
	}
	const sha = fields.sha;
	if (sha !== null && typeof sha !== 'string')
		throw unprocessable('tree.sha must be a string or null');
	return { path, mode, type, sha };
}

export type TreeRequest = { baseTree: string | null; edits: TreeEdit[] };

export async function readTreeRequest(gitDir: string, body: unknown): Promise<TreeRequest> {
	const fields = asFields(body);
	const baseTree = optionalString(fields, 'base_tree') ?? null;
	const items = optionalArray(fields, 'tree');
	if (!items) throw new ApiError(422, `Invalid request.\n\n"tree" wasn't supplied.`);
	const entries = items.map(parseEntry);
	const shas = entries.flatMap((entry) => (entry.sha ? [entry.sha] : []));
	const types = await objectTypes(gitDir, baseTree ? [...shas, baseTree] : shas);
	if (baseTree && types.get(baseTree) !== 'tree')
		throw unprocessable('base_tree is not a valid tree oid');
	const edits: TreeEdit[] = [];
	for (const { content, ...entry } of entries) {
		if (content !== undefined) {
			edits.push({ ...entry, sha: await writeBlob(gitDir, Buffer.from(content, 'utf8')) });
			continue;
		}
		// A submodule's commit lives in another repository; GitHub does not look for it.
		const sha = entry.sha;
		const known =
			sha === null ||
			(shaPattern.test(sha) && (entry.type === 'commit' || types.get(sha) === entry.type));
		if (!known) throw unprocessable(`tree.sha ${entry.sha} is not a valid ${entry.type}`);
		edits.push(entry);
	}
	return { baseTree, edits };
}
