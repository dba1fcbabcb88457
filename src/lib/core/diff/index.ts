export { blobOid, blobOidSync, hashBlob, ZERO_OID } from './blob-hash.ts';
export { byteString, isBinary, isGitBinary, textOf } from './content.ts';
export { escapedBytes, escapedText, hasEscapedBytes, shownText } from './escaped-bytes.ts';
export { detectChanges, type DetectOptions, type ReadBaseline } from './detect-changes.ts';
export { parseGitignore, type IgnoreRule } from './gitignore.ts';
export { createIgnoreMatcher, type IgnoreMatcher } from './ignore-matcher.ts';
export { formatPatch, type PatchOptions } from './patch.ts';
export { readerFromFiles } from './sandbox-files.ts';
export {
	pathsToRead,
	rebaseChanges,
	rebaseConflictError,
	replayText,
	type HeadFile,
	type ReadHead,
	type RebaseConflict,
	type RebaseOutcome,
	type RebaseResult
} from './rebase-changes.ts';
export { similarityIndex } from './similarity.ts';
export { diffStats, type FileStat, type FileStatus } from './stats.ts';
export { gitlinksOf, subprojectText } from './types.ts';
export type {
	Baseline,
	BaselineEntry,
	FileChange,
	FileMode,
	ListOptions,
	SandboxEntry,
	SandboxFile,
	SandboxReader,
	SkippedEntry
} from './types.ts';
export { quotePath } from './quote-path.ts';
