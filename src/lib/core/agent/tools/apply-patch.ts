// The `apply_patch` tool: Codex's patch format, applied all-or-nothing to the sandbox. A patch
// that does not fit comes back to the model with the file, the lines and what to do.
import { applyPatch, formatSummary, PatchError } from '../../patch/index.ts';
// The grammar's manual belongs to the patch module; it is imported directly because the patch
// module's index is a stable entry point loaded by plain Node, which cannot import `?raw`.
import manual from '../../patch/apply-patch.md?raw';
import type { Tool } from '../types.ts';
import { sandboxFiles } from './sandbox-files.ts';

export type ApplyPatchArgs = { input: string };

export const applyPatchTool: Tool<ApplyPatchArgs> = {
	name: 'apply_patch',
	description: manual,
	writesFiles: true,
	parameters: {
		type: 'object',
		properties: {
			input: {
				type: 'string',
				description: 'The whole patch, from `*** Begin Patch` to `*** End Patch`.'
			}
		},
		required: ['input'],
		additionalProperties: false
	},
	async run(args, ctx) {
		try {
			const changes = await applyPatch(args.input, sandboxFiles(ctx.sandbox));
			return {
				ok: true,
				content: formatSummary(changes),
				details: { kind: 'apply_patch', changes }
			};
		} catch (error) {
			if (!(error instanceof PatchError)) throw error;
			const { code, message, hint } = error;
			return {
				ok: false,
				content: hint ? `${message}\n${hint}` : message,
				details: { kind: 'apply_patch', changes: [], error: { code, message, hint } }
			};
		}
	}
};
