// Prompts and tool manuals are Markdown files beside their code, imported as text through Vite's
// `?raw` suffix (Vitest runs through Vite too).
declare module '*.md?raw' {
	const text: string;
	export default text;
}
