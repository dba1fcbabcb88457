export { parseMarkdown } from './blocks.ts';
export { parseInline, plainText } from './inline.ts';
export {
	createReferenceResolver,
	linkReferences,
	parseFileReference,
	type FileReference,
	type ReferenceResolver,
	type ReferenceSite,
	type ResolverInput
} from './references.ts';
export type { Block, Inline, Reference } from './types.ts';
export { safeHref, type SafeHref } from './urls.ts';
