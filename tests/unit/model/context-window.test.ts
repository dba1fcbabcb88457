import { describe, expect, it } from 'vitest';
import { contextWindowOf } from '../../../src/lib/core/model/index.ts';

describe('contextWindowOf', () => {
	it('knows common model ids by their longest prefix, provider prefixes aside', () => {
		const ids = [
			'gpt-4o-mini',
			'gpt-4',
			'gpt-4.1-nano',
			'openai/gpt-5-codex',
			'Claude-Sonnet-4',
			'qwen2.5-coder:7b'
		];
		expect(ids.map(contextWindowOf)).toEqual([128_000, 8_192, 1_047_576, 400_000, 200_000, 32_768]);
	});

	it('assumes 128k for an unknown model', () => {
		expect(contextWindowOf('my-local-model')).toBe(128_000);
	});
});
