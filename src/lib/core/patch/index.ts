export {
	applyPatch,
	parsePatch,
	PatchError,
	type AppliedChange,
	type FileAccess,
	type Hunk,
	type HunkLine,
	type PatchErrorCode,
	type PatchOp
} from './apply-patch.ts';
export { seekSequence, type MatchLevel, type SeekMatch } from './seek.ts';
export { formatSummary } from './summary.ts';
