// POST /graphql, for one query shape only: blob contents at a commit, many files per request, as
// the checkout asks for them (core/forge/github/graphql.ts):
//   query { repository(owner: "o", name: "r") {
//     f0: object(expression: "<commit>:<path>") { ... on Blob { text byteSize isBinary } } … } }
// Anything else is answered with a GraphQL error, as GitHub answers a query it cannot parse.
// Like GitHub's, it needs a token; a repository the caller cannot read is "not resolved".
import { canRead } from './access.ts';
import type { Context, Reply } from './context.ts';
import { ApiError } from './errors.ts';
import { git } from './git-cli.ts';
import { findRepo } from './repos.ts';

const string = String.raw`"(?:[^"\\\n]|\\.)*"`;
const shape = new RegExp(
	String.raw`^\s*(?:query\s*)?\{\s*repository\s*\(\s*owner\s*:\s*(${string})\s*,\s*name\s*:\s*(${string})\s*\)\s*\{([\s\S]*)\}\s*\}\s*$`
);
const field = new RegExp(
	String.raw`\s*([A-Za-z_]\w*)\s*:\s*object\s*\(\s*expression\s*:\s*(${string})\s*\)\s*\{\s*\.\.\.\s*on\s+Blob\s*\{\s*text\s+byteSize\s+isBinary\s*\}\s*\}`,
	'y'
);
/** The most objects one query may ask for here (GitHub limits a query's nodes too). */
export const MAX_OBJECTS = 500;

type BlobField = { text: string | null; byteSize: number; isBinary: boolean } | null;

const parseError = (message: string): Reply => ({
	status: 200,
	json: { errors: [{ message, locations: [{ line: 1, column: 1 }] }] }
});

export async function postGraphql(ctx: Context): Promise<Reply> {
	if (!ctx.viewer) throw new ApiError(401, 'This endpoint requires you to be authenticated.');
	const body = (await ctx.body()) as { query?: unknown };
	if (typeof body.query !== 'string') return parseError('A query attribute must be specified');
	const top = shape.exec(body.query);
	if (!top) return parseError('This peer answers only blob contents by expression');
	const [owner, name] = [JSON.parse(top[1]!) as string, JSON.parse(top[2]!) as string];
	const fields: { alias: string; expression: string }[] = [];
	const inner = top[3]!;
	field.lastIndex = 0;
	while (field.lastIndex < inner.trimEnd().length) {
		const found = field.exec(inner);
		if (!found)
			return parseError(
				`Parse error near "${inner.slice(field.lastIndex, field.lastIndex + 40).trim()}"`
			);
		fields.push({ alias: found[1]!, expression: JSON.parse(found[2]!) as string });
	}
	if (fields.length === 0 || fields.length > MAX_OBJECTS)
		return parseError(`Ask for 1 to ${MAX_OBJECTS} objects`);
	const repo = findRepo(ctx.state, owner, name);
	if (!repo || !canRead(ctx.viewer, repo)) {
		return {
			status: 200,
			json: {
				data: { repository: null },
				errors: [
					{
						type: 'NOT_FOUND',
						path: ['repository'],
						message: `Could not resolve to a Repository with the name '${owner}/${name}'.`
					}
				]
			}
		};
	}
	const answers = await readExpressions(
		repo.gitDir,
		fields.map((f) => f.expression)
	);
	const data: Record<string, BlobField> = {};
	fields.forEach((f, i) => (data[f.alias] = answers[i]!));
	return { status: 200, json: { data: { repository: data } } };
}

/** Each `<rev>:<path>` through one `git cat-file --batch`; null where it is not a blob. */
async function readExpressions(gitDir: string, expressions: string[]): Promise<BlobField[]> {
	if (expressions.some((e) => e.includes('\n'))) return expressions.map(() => null);
	const out = await git(gitDir, ['cat-file', '--batch'], { input: `${expressions.join('\n')}\n` });
	const answers: BlobField[] = [];
	let at = 0;
	for (let i = 0; i < expressions.length; i++) {
		const end = out.indexOf(0x0a, at);
		const header = out.subarray(at, end).toString('utf8');
		at = end + 1;
		const [, type, size] = /^[0-9a-f]{40} (\w+) (\d+)$/.exec(header) ?? [];
		if (!type) {
			answers.push(null); // "<expression> missing"
			continue;
		}
		const bytes = out.subarray(at, at + Number(size));
		at += Number(size) + 1;
		if (type !== 'blob') {
			answers.push(null);
			continue;
		}
		// GitHub's test: a NUL byte near the start makes a blob binary, and its text null.
		const isBinary = bytes.subarray(0, 8000).includes(0);
		answers.push({
			text: isBinary ? null : bytes.toString('utf8'),
			byteSize: bytes.length,
			isBinary
		});
	}
	return answers;
}
