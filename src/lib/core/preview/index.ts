export {
	mimeOf,
	PREVIEW_CACHE,
	PREVIEW_CSP,
	PREVIEW_HEADERS,
	PREVIEW_MAX_BYTES,
	PREVIEW_PATH,
	PREVIEW_ROOTS,
	previewDocument,
	previewRoot
} from './preview-document.ts';
export { watchServers, type ServerEventSource, type ServerPreview } from './server-preview.ts';
