// What the export buttons hand out: a file name for the .patch, and a shell snippet that
// feeds the patch to `git apply` through a quoted here-document.
import { escapedBytes, hasEscapedBytes } from '$lib/core/diff';
import { toBase64 } from '$lib/core/github/base64';

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

/**
 * The .patch file's bytes. Text that is not UTF-8 (a Latin-1 file) is in the patch string
 * surrogate-escaped; a plain UTF-8 encoding (a Blob of the string) would turn it into U+FFFD.
 */
export function patchFileBytes(patch: string): Uint8Array<ArrayBuffer> {
	return escapedBytes(patch);
}

/**
 * `git apply <<'PATCHBAY_EOF'` + the patch + the terminator line, ready to paste. A clipboard
 * holds text that the terminal pastes as UTF-8, so a patch with other bytes goes as base64
 * (`base64 --decode`, which GNU and macOS both read) for `git apply` to get it exactly; so does
 * one with a NUL (text to git past its first 8000 bytes), which bash drops from a here-document.
 */
export function gitApplyCommand(patch: string): string {
	if (hasEscapedBytes(patch) || patch.includes('\0')) {
		const lines = toBase64(escapedBytes(patch)).replace(/.{1,76}/g, '$&\n');
		const terminator = heredocTerminator(lines);
		return `base64 --decode <<'${terminator}' | git apply\n${lines}${terminator}\n`;
	}
	const terminator = heredocTerminator(patch);
	const body = patch.endsWith('\n') ? patch : `${patch}\n`;
	return `git apply <<'${terminator}'\n${body}${terminator}\n`;
}
