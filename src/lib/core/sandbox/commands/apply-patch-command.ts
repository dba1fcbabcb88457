// `apply_patch` as a shell command, for models trained on Codex that run
// `apply_patch <<'EOF' … EOF` or `apply_patch "$(cat patch)"` rather than call the tool. It
// reads the patch from its one argument or from stdin and applies it like the tool does.
import { defineCommand, type ByteString, type Command } from 'just-bash';
import { applyPatch, formatSummary, PatchError } from '../../patch/index.ts';
import { fsFileAccess } from './fs-files.ts';

/** Codex installs the command under both names. */
export const APPLY_PATCH_NAMES = ['apply_patch', 'applypatch'] as const;

const NO_PATCH =
	"apply_patch: no patch given. Pass it as the one argument or on stdin: apply_patch <<'EOF'\n" +
	'*** Begin Patch\n…\n*** End Patch\nEOF\n';

export function createApplyPatchCommand(name: string = APPLY_PATCH_NAMES[0]): Command {
	return defineCommand(name, async (args, ctx) => {
		if (args.length > 1) {
			return {
				stdout: '',
				stderr: `${name}: expected one argument (the patch), got ${args.length}\n`,
				exitCode: 2
			};
		}
		const text = args[0] ?? decodeBytesToUtf8(ctx.stdin);
		if (!text.trim()) return { stdout: '', stderr: NO_PATCH, exitCode: 2 };
		try {
			const changes = await applyPatch(text, fsFileAccess(ctx.fs, ctx.cwd));
			return { stdout: `${formatSummary(changes)}\n`, stderr: '', exitCode: 0 };
		} catch (error) {
			if (!(error instanceof PatchError)) throw error;
			const hint = error.hint ? `\n${error.hint}` : '';
			return { stdout: '', stderr: `${error.message}${hint}\n`, exitCode: 1 };
		}
	});
}

/**
 * just-bash hands stdin over as a byte string (one char per byte). Its own decoder is missing
 * from its browser build, so decode here.
 */
function decodeBytesToUtf8(bytes: ByteString): string {
	// At run time a ByteString is a string; the type is opaque only to stop accidental mixing.
	const latin1 = bytes as unknown as string;
	return new TextDecoder().decode(Uint8Array.from(latin1, (char) => char.charCodeAt(0)));
}
