// The tree the Markdown parser produces. It holds no HTML: every node is rendered by a component
// as an ordinary element, so nothing the model writes can become markup or a script.

/** What a reference in the text points at, once the page has recognised it. */
export type Reference =
	| { kind: 'file'; path: string; startLine?: number; endLine?: number }
	| { kind: 'command'; id: string; command: string };

export type Inline =
	| { type: 'text'; text: string }
	| { type: 'code'; text: string }
	| { type: 'emphasis'; children: Inline[] }
	| { type: 'strong'; children: Inline[] }
	/** `href` has passed `safeHref`: http(s), mailto, or relative (then `relative` is set). */
	| { type: 'link'; href: string; relative: boolean; children: Inline[] }
	/** Never loaded: shown as a placeholder with its alt text and the raw URL. */
	| { type: 'image'; alt: string; src: string }
	| { type: 'ref'; ref: Reference; children: Inline[] }
	| { type: 'break' };

export type Block =
	| { type: 'paragraph'; children: Inline[] }
	| { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
	| { type: 'code'; lang: string; text: string }
	| { type: 'list'; ordered: boolean; start: number; items: Block[][] }
	| { type: 'blockquote'; children: Block[] }
	| { type: 'table'; head: Inline[][]; rows: Inline[][][] }
	| { type: 'rule' };
