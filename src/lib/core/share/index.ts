// Task links: a task, and optionally its result, compressed into a URL fragment.
export { encodeShare, decodeShare } from './link.ts';
export { validateSharedTask } from './versions.ts';
export {
	toSharedTask,
	type ShareSource,
	type ShareSourceEnvironment,
	type ShareSourceTask,
	type ShareSourceResult,
	type ShareBuildOptions,
	type NamedValue
} from './build.ts';
export { shareSize, shrinkShare, type ShareSize, type ShrinkOptions } from './size.ts';
export { secretMasker, SECRET_MASK, MIN_SECRET_LENGTH } from '../secrets/index.ts';
export { ShareError, type ShareErrorCode } from './errors.ts';
export {
	MAX_LINK_CHARS,
	MAX_INFLATED_BYTES,
	PRACTICAL_URL_LIMIT,
	SHARE_CAPS,
	type ListCap,
	type TextCap
} from './limits.ts';
export { SHARE_VERSION } from './schema.ts';
export type * from './schema.ts';
