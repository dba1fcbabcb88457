// A module bundled for Node and imported as its source text (tools/vite-node-script-plugin.js).
declare module '*?node-script' {
	const source: string;
	export default source;
}
