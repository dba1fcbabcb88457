// pako (zlib 1.2.8's deflate ported to JavaScript) ships no types; this is the part used here.
declare module 'pako' {
	const pako: {
		deflate(data: Uint8Array, options?: { level?: number }): Uint8Array;
	};
	export default pako;
}
