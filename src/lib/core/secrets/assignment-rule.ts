// Secrets without a known shape: a random-looking value assigned to a name that says secret,
// token, password or key, in the assignment forms of common languages and config formats:
//   JS/TS/Python/Ruby/Rust/Java/C#  name = "v", name: "v", "name": "v", :name => 'v'
//   Go                               name := "v", const Name = `v`
//   PHP                              $name = 'v', 'name' => 'v', define('NAME', 'v')
//   shell/.env, INI, TOML, YAML      NAME=v, export NAME="v", name = "v", name: v
//   Makefile                         NAME := v, NAME ?= v, NAME ::= v, NAME += v
//   Java properties                  db.password=v, db.password: v
//   XML                              <password>v</password>, password="v", key="ApiKey" value="v",
//                                    <string name="api_key">v</string>, <entry key="password">v<
import type { Finding, LineRule } from './finding.ts';
import { isWordy, looksRandom, namesTheSecret } from './secret-value.ts';

export { ENTROPY_THRESHOLD, MIN_VALUE_LENGTH } from './secret-value.ts';

const secretWord =
	'secret|token|passw(?:or)?d|pwd|passphrase|credential|(?:api|access|auth|private|client|signing|encryption|master)[_-]?key';

/**
 * The secret word, the rest of the name (bounded, so a long line cannot make the match
 * quadratic), an optional closing quote (a JSON or PHP key), and an operator — `=`, `:`, `:=`,
 * `::=`, `?=`, `+=`, `=>`, `,` or `>` after a quoted name (`define('KEY', …)`, `<string
 * name="api_key">…`), `value=` after it
 * (.NET appSettings), or a Go type and `=` (`var apiKey string = …`) — but not `==`, `=~`, `::`
 * or `:=` read as `:`.
 */
const assignment = new RegExp(
	`(?<word>${secretWord})(?<rest>[\\w.-]{0,40})(?<close>["'\`]?)` +
		`(?:[ \\t]{0,16}(?<op>::=|:=|\\?=|\\+=|=>|=(?![=~>])|:(?![:=])|,|>)|[ \\t]+(?:value|string|\\[\\]byte)[ \\t]*=(?![=~>]))[ \\t]{0,16}`,
	'gi'
);

/** `<db-password>v</db-password>`: an element whose name holds the secret word. */
const xmlElement = new RegExp(
	`<[\\w.:-]{0,40}?(?<word>${secretWord})(?<rest>[\\w.:-]{0,40})>(?<value>[^<]{1,1000})</`,
	'dgi'
);

/** Values longer than `looksRandom` reads are cut here, so a long line is not read once per name. */
const MAX_READ = 1001;
/**
 * Unquoted: up to the next space or delimiter — `&` and `|` included, which end a query-string
 * value and a shell or JS expression; `=` only as base64 padding at the end.
 */
const bareValue = new RegExp(`[^\\s'"\`,;(){}[\\]<>=&|]{1,${MAX_READ}}={0,2}`, 'y');
/** A type annotation between `:` and `=` (TypeScript, Python, Kotlin): `token: string = '…'`. */
const typeAnnotation = /[A-Za-z_$][\w$.<>[\]|?]{0,60}[ \t]{0,8}=(?![=>])[ \t]{0,16}/y;
/** Python's r"", b"", f"" and C#'s @"" prefixes before a quoted value. */
const stringPrefix = /(?:[rbfuRBFU]{1,2}|@)(?=["'`])/y;

type Value = { start: number; end: number; quoted: boolean };

function readValue(line: string, from: number): Value {
	stringPrefix.lastIndex = from;
	const at = stringPrefix.test(line) ? stringPrefix.lastIndex : from;
	const quote = line[at];
	if (quote === '"' || quote === "'" || quote === '`') {
		// The next quote is at most the next value's opening one, so these scans add up to the line.
		let close = line.indexOf(quote, at + 1);
		while (close > 0 && line[close - 1] === '\\') close = line.indexOf(quote, close + 1);
		return close < 0 || close - at > MAX_READ
			? { start: at, end: at, quoted: true }
			: { start: at + 1, end: close, quoted: true };
	}
	bareValue.lastIndex = at;
	const bare = bareValue.exec(line);
	return { start: at, end: at + (bare?.[0].length ?? 0), quoted: false };
}

const nameChar = /[\w.$-]/;
const MAX_NAME = 64;

/**
 * Whether the secret word stands in a name (`DB_PASSWORD`, `spring.datasource.password`,
 * `x-api-key`) rather than inside a run of random characters (`…FCPSYPwd-L67DLPW…=`, a
 * minified or encoded blob): the whole identifier around it is short and made of words.
 */
function inAName(line: string, at: number, word: string, rest: string): boolean {
	let start = at;
	while (start > 0 && at - start < MAX_NAME && nameChar.test(line[start - 1]!)) start--;
	// A name bounded by base64's own characters is a piece of an encoded blob.
	if (at - start >= MAX_NAME || /[+/=]/.test(line[start - 1] ?? '')) return false;
	const name = line.slice(start, at) + word + rest;
	return name.length <= word.length + 8 || isWordy(name);
}

function assignmentFindings(line: string): Finding[] {
	const found: Finding[] = [];
	for (const match of line.matchAll(assignment)) {
		const { word = '', rest = '', close = '', op } = match.groups ?? {};
		const name = { word, rest };
		if (!inAName(line, match.index, word, rest)) continue;
		let at = match.index + match[0].length;
		typeAnnotation.lastIndex = at;
		if ((op === ':' || op === undefined) && typeAnnotation.test(line))
			at = typeAnnotation.lastIndex;
		const value = readValue(line, at);
		// `f('token', x)` passes a name; only `define('TOKEN', 'v')`-like pairs of strings assign.
		if (op === ',' && (close === '' || !value.quoted)) continue;
		// `>` ends a start tag whose attribute names the secret: `<string name="api_key">v<`.
		if (op === '>' && (close === '' || line[value.end] !== '<')) continue;
		if (!namesTheSecret(name)) continue;
		if (looksRandom(line.slice(value.start, value.end), value.quoted, name)) {
			found.push({ kind: 'high-entropy', start: value.start, end: value.end, mask: true });
		}
	}
	return found;
}

function xmlFindings(line: string): Finding[] {
	const found: Finding[] = [];
	for (const match of line.matchAll(xmlElement)) {
		const { word = '', rest = '' } = match.groups ?? {};
		const span = match.indices?.groups?.['value'];
		if (!span || !namesTheSecret({ word, rest })) continue;
		const value = line.slice(span[0], span[1]);
		if (looksRandom(value.trim(), true, { word, rest })) {
			found.push({ kind: 'high-entropy', start: span[0], end: span[1], mask: true });
		}
	}
	return found;
}

/** `Authorization: Bearer <token>` in a curl command, a header table or a request sample. */
const bearer = /(?<![\w-])Bearer[ \t]+/g;

function bearerFindings(line: string): Finding[] {
	const found: Finding[] = [];
	for (const match of line.matchAll(bearer)) {
		const value = readValue(line, match.index + match[0].length);
		if (looksRandom(line.slice(value.start, value.end), true)) {
			found.push({ kind: 'high-entropy', start: value.start, end: value.end, mask: true });
		}
	}
	return found;
}

export const assignmentRule: LineRule = (line) => {
	const found = line.includes('Bearer')
		? [...assignmentFindings(line), ...bearerFindings(line)]
		: assignmentFindings(line);
	return line.includes('</') ? [...found, ...xmlFindings(line)] : found;
};
