// Outside content for the model, in an element it cannot close early: a web page
// (`untrusted_web_content`, web_fetch), an MCP tool's result (`untrusted_tool_result`), an
// issue's text (`untrusted_issue`). A file of its own with no imports, so any caller can use it
// without loading a tool.

/**
 * The content inside an `untrusted_web_content` element (or `element`, for other outside
 * content such as an MCP tool's result) that it cannot close early.
 */
export function wrapUntrusted(
	url: string,
	text: string,
	element:
		'untrusted_web_content' | 'untrusted_tool_result' | 'untrusted_issue' = 'untrusted_web_content'
): string {
	const safe = text.replace(new RegExp(`</?\\s*${element}`, 'gi'), (tag) => tag.replace('<', '‹'));
	const attribute = url.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
	return `<${element} url="${attribute}">\n${safe}\n</${element}>`;
}
