// Runs a step's checks against the request it answers. Each failure names the check, what was
// expected and what arrived, so a failing test says why without a debugger.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describeLast, messageText, quote, systemText, toolNames } from './messages.ts';
import type { ChatRequest, Check, Expect, MessageCheck, Texts } from './script.ts';

function asList(texts: Texts | undefined): string[] {
	return texts === undefined ? [] : typeof texts === 'string' ? [texts] : texts;
}

function names(list: string[]): string {
	return `[${list.join(', ')}]`;
}

function checkMessage(
	check: MessageCheck,
	message: ChatCompletionMessageParam | undefined
): string[] {
	if (!message) return ['lastMessage: expected a message, got none'];
	const text = messageText(message);
	const failures: string[] = [];
	const got = `got (${message.role}) ${quote(text)}`;
	if (check.role !== undefined && message.role !== check.role) {
		failures.push(`lastMessage.role: expected ${check.role}, ${got}`);
	}
	for (const wanted of asList(check.contains)) {
		if (!text.includes(wanted))
			failures.push(`lastMessage.contains: expected ${quote(wanted)}, ${got}`);
	}
	for (const unwanted of asList(check.notContains)) {
		if (text.includes(unwanted)) {
			failures.push(`lastMessage.notContains: did not expect ${quote(unwanted)}, ${got}`);
		}
	}
	if (check.equals !== undefined && text !== check.equals) {
		failures.push(`lastMessage.equals: expected ${quote(check.equals)}, ${got}`);
	}
	if (check.toolCallId !== undefined) {
		const id = message.role === 'tool' ? message.tool_call_id : undefined;
		if (id !== check.toolCallId) {
			failures.push(`lastMessage.toolCallId: expected ${check.toolCallId}, got ${String(id)}`);
		}
	}
	if (check.toolCalls !== undefined) {
		const calls = message.role === 'assistant' ? (message.tool_calls ?? []) : [];
		const called = calls.map((call) =>
			call.type === 'custom' ? call.custom.name : call.function.name
		);
		if (names(called) !== names(check.toolCalls)) {
			failures.push(
				`lastMessage.toolCalls: expected ${names(check.toolCalls)}, got ${names(called)}`
			);
		}
	}
	if (check.images !== undefined) failures.push(...checkImages(check.images, message));
	return failures;
}

const MAGIC: Record<string, (bytes: Buffer) => boolean> = {
	'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
	'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
	'image/webp': (b) =>
		b.subarray(0, 4).toString('latin1') === 'RIFF' &&
		b.subarray(8, 12).toString('latin1') === 'WEBP'
};

function imageUrlsOf(message: ChatCompletionMessageParam): string[] {
	const parts = Array.isArray(message.content) ? (message.content as unknown[]) : [];
	return parts.flatMap((part) =>
		typeof part === 'object' && part !== null && 'type' in part && part.type === 'image_url'
			? [String((part as { image_url?: { url?: unknown } }).image_url?.url ?? '')]
			: []
	);
}

/** The message's image parts: as many as expected, each a data URL whose bytes match its type. */
function checkImages(expected: number, message: ChatCompletionMessageParam): string[] {
	const urls = imageUrlsOf(message);
	if (urls.length !== expected)
		return [`lastMessage.images: expected ${expected} image parts, got ${urls.length}`];
	return urls.flatMap((url, at) => {
		const match = /^data:(image\/[a-z]+);base64,([A-Za-z0-9+/]+=*)$/.exec(url);
		const sniff = match ? MAGIC[match[1]!] : undefined;
		if (!match || !sniff)
			return [`lastMessage.images[${at}]: not a base64 image data URL: ${quote(url, 60)}`];
		return sniff(Buffer.from(match[2]!, 'base64'))
			? []
			: [`lastMessage.images[${at}]: its bytes are not ${match[1]}`];
	});
}

function checkMessages(check: NonNullable<Check['messages']>, request: ChatRequest): string[] {
	const messages = request.messages;
	const failures: string[] = [];
	if (check.count !== undefined && messages.length !== check.count) {
		failures.push(`messages.count: expected ${check.count}, got ${messages.length}`);
	}
	const roles = messages.map((message) => message.role);
	if (check.roles !== undefined && names(roles) !== names(check.roles)) {
		failures.push(`messages.roles: expected ${names(check.roles)}, got ${names(roles)}`);
	}
	if (check.images !== undefined) {
		const found = messages.reduce((sum, message) => sum + imageUrlsOf(message).length, 0);
		if (found !== check.images)
			failures.push(`messages.images: expected ${check.images} image parts, got ${found}`);
	}
	const texts = messages.map(messageText);
	for (const wanted of asList(check.someContains)) {
		if (!texts.some((text) => text.includes(wanted))) {
			failures.push(
				`messages.someContains: no message contains ${quote(wanted)}; ${describeLast(request)}`
			);
		}
	}
	for (const unwanted of asList(check.noneContains)) {
		const at = texts.findIndex((text) => text.includes(unwanted));
		const found = messages[at];
		if (found) {
			failures.push(
				`messages.noneContains: message ${at} (${found.role}) contains ${quote(unwanted)}: ` +
					quote(texts[at] ?? '')
			);
		}
	}
	return failures;
}

function checkTools(check: NonNullable<Check['tools']>, request: ChatRequest): string[] {
	const offered = toolNames(request);
	const got = `got ${names(offered)}`;
	const failures: string[] = [];
	const missing = (check.include ?? []).filter((name) => !offered.includes(name));
	if (missing.length) failures.push(`tools.include: missing ${names(missing)}, ${got}`);
	const extra = (check.exclude ?? []).filter((name) => offered.includes(name));
	if (extra.length) failures.push(`tools.exclude: unexpected ${names(extra)}, ${got}`);
	if (
		check.exactly !== undefined &&
		names([...offered].sort()) !== names([...check.exactly].sort())
	) {
		failures.push(`tools.exactly: expected ${names(check.exactly)}, ${got}`);
	}
	return failures;
}

function runCheck(check: Check, request: ChatRequest): string[] {
	const failures: string[] = [];
	if (check.model !== undefined && request.model !== check.model) {
		failures.push(`model: expected ${check.model}, got ${request.model}`);
	}
	const stream = request.stream === true;
	if (check.stream !== undefined && stream !== check.stream) {
		failures.push(`stream: expected ${check.stream}, got ${stream}`);
	}
	const system = systemText(request);
	for (const wanted of asList(check.systemContains)) {
		if (!system.includes(wanted)) {
			failures.push(`systemContains: expected ${quote(wanted)}, got ${quote(system)}`);
		}
	}
	if (check.messages) failures.push(...checkMessages(check.messages, request));
	if (check.lastMessage) failures.push(...checkMessage(check.lastMessage, request.messages.at(-1)));
	if (check.tools) failures.push(...checkTools(check.tools, request));
	return failures;
}

/** Every failure of `expect` against `request`; empty when it matches. */
export function failuresOf(expect: Expect | undefined, request: ChatRequest): string[] {
	const checks = expect === undefined ? [] : Array.isArray(expect) ? expect : [expect];
	return checks.flatMap((check) => {
		// A request is untrusted JSON: a check that trips over its shape is a failure, not a crash.
		try {
			if (typeof check !== 'function') return runCheck(check, request);
			const failure = check(request);
			return failure === null ? [] : [`check function: ${failure}`];
		} catch (error) {
			return [`check threw: ${error instanceof Error ? error.message : String(error)}`];
		}
	});
}
