// References in the model's prose: `src/foo.ts:12`, `src/foo.ts#L12-L20`, a path in plain text,
// a `[label](src/foo.ts)` link, or a command quoted exactly as it was run (`npm test`). The
// parser stays plain Markdown; this pass turns what a resolver recognises into `ref` nodes.
import type { Block, Inline, Reference } from './types.ts';

export type FileReference = { path: string; startLine?: number; endLine?: number };

/** Where the candidate text stood: a code span, plain text, or a relative link's target. */
export type ReferenceSite = 'code' | 'text' | 'link';

export type ReferenceResolver = (text: string, site: ReferenceSite) => Reference | null;

const FILE_REF =
	/^(?:\.\/)?([\w@+\-.]+(?:\/[\w@+\-.]+)*)(?::(\d{1,7})(?:[-–](\d{1,7}))?(?::\d+)?|#L(\d{1,7})(?:-L?(\d{1,7}))?)?$/;

/** A path with an optional line or range, if `text` is written like one. */
export function parseFileReference(text: string): FileReference | null {
	const m = FILE_REF.exec(text.trim());
	if (!m) return null;
	const path = m[1] ?? '';
	const segments = path.split('/');
	if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
	// A bare word is not a path: it needs a folder or an extension (`README`, `e.g` are words).
	if (
		segments.length === 1 &&
		!/^[^.]+\.(?:[\w-]{2,}|[\w-]+\.[\w-]+)$|^[^.]{2,}\.[\w-]$/.test(path)
	)
		return null;
	const start = m[2] ?? m[4];
	const end = m[3] ?? m[5];
	const startLine = start ? Number(start) : undefined;
	const endLine =
		end && startLine !== undefined && Number(end) > startLine ? Number(end) : undefined;
	return {
		path,
		...(startLine ? { startLine } : {}),
		...(endLine ? { endLine } : {})
	};
}

export type ResolverInput = {
	/** Shell commands of the log, in order; the last run of a command text wins. */
	commands: { id: string; command: string }[];
	/** Paths known to exist (changed files, the baseline listing when held). */
	paths: ReadonlySet<string>;
	/** Whether `paths` lists every file; if not, code spans and links are taken on their syntax. */
	pathsComplete: boolean;
};

export function createReferenceResolver(input: ResolverInput): ReferenceResolver {
	const commands = new Map(input.commands.map((c) => [c.command.trim(), c]));
	return (text, site) => {
		if (site === 'code') {
			const command = commands.get(text.trim());
			if (command) return { kind: 'command', id: command.id, command: command.command };
		}
		const file = parseFileReference(text);
		if (!file) return null;
		const known = input.paths.has(file.path);
		if (known || (site !== 'text' && !input.pathsComplete)) return { kind: 'file', ...file };
		return null;
	};
}

/** The blocks with every recognised reference turned into a `ref` node. */
export function linkReferences(blocks: Block[], resolve: ReferenceResolver): Block[] {
	return blocks.map((block) => linkBlock(block, resolve));
}

function linkBlock(block: Block, resolve: ReferenceResolver): Block {
	switch (block.type) {
		case 'paragraph':
		case 'heading':
			return { ...block, children: linkInlines(block.children, resolve) };
		case 'list':
			return { ...block, items: block.items.map((item) => linkReferences(item, resolve)) };
		case 'blockquote':
			return { ...block, children: linkReferences(block.children, resolve) };
		case 'table':
			return {
				...block,
				head: block.head.map((cell) => linkInlines(cell, resolve)),
				rows: block.rows.map((row) => row.map((cell) => linkInlines(cell, resolve)))
			};
		case 'code':
		case 'rule':
			return block;
	}
}

function linkInlines(nodes: Inline[], resolve: ReferenceResolver): Inline[] {
	const out: Inline[] = [];
	for (const node of nodes) {
		switch (node.type) {
			case 'code': {
				const ref = resolve(node.text, 'code');
				out.push(ref ? { type: 'ref', ref, children: [node] } : node);
				break;
			}
			case 'text':
				out.push(...linkText(node.text, resolve));
				break;
			case 'link': {
				const ref = node.relative ? resolve(node.href, 'link') : null;
				out.push(ref ? { type: 'ref', ref, children: node.children } : node);
				break;
			}
			case 'emphasis':
			case 'strong':
				out.push({ ...node, children: linkInlines(node.children, resolve) });
				break;
			case 'image':
			case 'ref':
			case 'break':
				out.push(node);
				break;
		}
	}
	return out;
}

const TEXT_CANDIDATE = /[\w@+\-./]+(?::\d+(?:-\d+)?|#L\d+(?:-L?\d+)?)?/g;
const MAX_PATH = 512;

/** Splits plain text around the path-like words the resolver recognises. */
function linkText(text: string, resolve: ReferenceResolver): Inline[] {
	const out: Inline[] = [];
	let last = 0;
	for (const m of text.matchAll(TEXT_CANDIDATE)) {
		// Sentence punctuation after a path is not part of it.
		let end = m[0].length;
		while (end > 0 && (m[0][end - 1] === '.' || m[0][end - 1] === ':')) end--;
		const word = m[0].slice(0, end);
		const pathLike = word.includes('/') || word.includes('.');
		const ref = pathLike && word.length <= MAX_PATH ? resolve(word, 'text') : null;
		if (!ref) continue;
		if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
		out.push({ type: 'ref', ref, children: [{ type: 'text', text: word }] });
		last = m.index + word.length;
	}
	if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
	return out;
}
