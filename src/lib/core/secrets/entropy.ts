/**
 * Shannon entropy in bits per character: how unpredictable a string's characters are. Random
 * keys score high (base64 ≈ 5–6, hex ≈ 3.7–4), words and repeated characters low.
 */
export function shannonEntropy(text: string): number {
	if (text.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
	const length = [...text].length;
	let bits = 0;
	for (const count of counts.values()) {
		const p = count / length;
		bits -= p * Math.log2(p);
	}
	return bits;
}
