/** Well-known OpenAI-compatible endpoints offered as one-click presets in Settings. */
export const modelPresets = [
	{ label: 'OpenAI', baseURL: 'https://api.openai.com/v1', needsKey: true },
	{ label: 'Ollama', baseURL: 'http://localhost:11434/v1', needsKey: false },
	{ label: 'LM Studio', baseURL: 'http://localhost:1234/v1', needsKey: false },
	{ label: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', needsKey: true }
] as const;
