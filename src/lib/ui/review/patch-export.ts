// What the export buttons hand out: a file name for the .patch, and a shell snippet that
// feeds the patch to `git apply` through a quoted here-document.

const BASE_TERMINATOR = 'PATCHBAY_EOF';

/** `patchbay-<slug>.patch`, the slug made from the task's title. */
export function patchFileName(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `patchbay-${slug || 'changes'}.patch`;
}

/**
 * A here-document terminator that no line of `patch` contains. A quoted terminator (`<<'X'`)
 * turns off expansion, so only a line equal to X could end the document early; avoiding X
 * anywhere in the text is stricter and also survives trailing spaces or a CR.
 */
export function heredocTerminator(patch: string): string {
	if (!patch.includes(BASE_TERMINATOR)) return BASE_TERMINATOR;
	for (let n = 1; ; n++) {
		const candidate = `${BASE_TERMINATOR}_${n}`;
		if (!patch.includes(candidate)) return candidate;
	}
}

/** `git apply <<'PATCHBAY_EOF'` + the patch + the terminator line, ready to paste. */
export function gitApplyCommand(patch: string): string {
	const terminator = heredocTerminator(patch);
	const body = patch.endsWith('\n') ? patch : `${patch}\n`;
	return `git apply <<'${terminator}'\n${body}${terminator}\n`;
}
