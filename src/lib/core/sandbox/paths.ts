// Paths given to a sandbox are relative to its root and must stay inside it.

export class SandboxPathError extends Error {
	readonly code = 'path-outside-sandbox';
	constructor(path: string) {
		super(`Path escapes the sandbox: ${path}`);
		this.name = 'SandboxPathError';
	}
}

/** Normalises a relative path ('' for the root); refuses absolute paths and `..` escapes. */
export function normaliseRelative(path: string): string {
	if (path.startsWith('/')) throw new SandboxPathError(path);
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) throw new SandboxPathError(path);
			parts.pop();
		} else parts.push(part);
	}
	return parts.join('/');
}

export function joinPath(root: string, relative: string): string {
	const rel = normaliseRelative(relative);
	return rel ? `${root.replace(/\/+$/, '')}/${rel}` : root;
}

export function parentOf(path: string): string {
	const at = path.lastIndexOf('/');
	return at <= 0 ? '' : path.slice(0, at);
}
