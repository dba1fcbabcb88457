// Cutting a line to a length a list, a commit subject or a pull request title can hold: at a word
// boundary, so "…readme e…" never happens, counting what a person sees as one character.

const ELLIPSIS = '…';
/** Punctuation that reads badly right before the ellipsis ("deploy,…"). */
const TRAILING = /[\s,;:.\-–—(/]+$/u;

const graphemes = (() => {
	const segmenter =
		typeof Intl !== 'undefined' && 'Segmenter' in Intl
			? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
			: undefined;
	return (text: string): string[] =>
		segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
})();

/**
 * `text` when it has at most `max` characters (graphemes: an emoji or an accented letter is one);
 * else its longest start of whole words that fits with a closing "…". A first word longer than
 * the room (a URL, a path) is cut inside itself rather than leaving nothing. Never splits an
 * emoji or a surrogate pair.
 */
export function cutAtWord(text: string, max: number): string {
	const chars = graphemes(text);
	if (chars.length <= max) return text;
	const room = Math.max(1, max - 1);
	// The last space at or before the cut: the text ending there keeps whole words only.
	let end = -1;
	for (let i = room; i > 0; i--) {
		if (/^\s+$/u.test(chars[i] ?? '')) {
			end = i;
			break;
		}
	}
	const words = end > 0 ? chars.slice(0, end).join('').replace(TRAILING, '') : '';
	const kept = words !== '' ? words : chars.slice(0, room).join('').trimEnd();
	return `${kept}${ELLIPSIS}`;
}

/**
 * The whole first line of `text` that `cut` was cut from by `cutAtWord`, else `cut` itself: a
 * title is masked (and cut again) from the whole line, so a secret the cut went through is
 * masked whole rather than its start showing.
 */
export function uncutLine(cut: string, text: string): string {
	const line = text.trim().split('\n')[0]?.trim() ?? '';
	if (!cut.endsWith(ELLIPSIS)) return cut;
	const kept = cut.slice(0, -ELLIPSIS.length);
	return kept !== '' && line.startsWith(kept) ? line : cut;
}
