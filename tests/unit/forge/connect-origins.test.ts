// The page calls a forge's API from its own thread, so Settings' git hosts join the runtime
// connect-src: https for a named host, http too only on loopback; junk adds nothing.
import { expect, it } from 'vitest';
import { connectSources, RUNTIME_SOURCES } from '../../../src/lib/core/network/index.ts';

it("adds Settings' git hosts to connect-src, http only for loopback", () => {
	const sources = connectSources({
		model: { baseURL: 'https://api.openai.com/v1' },
		github: { apiBase: 'https://api.github.com' },
		git: {
			corsProxy: '',
			hosts: [
				{ host: 'gitlab.example.com', kind: 'gitlab' },
				{ host: '127.0.0.1:8929', kind: 'gitea' },
				{ host: 'codeberg.org' },
				{ host: 'evil.example/path' },
				{ host: "x' 'unsafe-eval" }
			]
		}
	});
	expect(sources).toEqual([
		"'self'",
		'https://api.openai.com',
		'https://api.github.com',
		'https://gitlab.example.com',
		'http://127.0.0.1:8929',
		'https://127.0.0.1:8929',
		'https://codeberg.org',
		'https://raw.githubusercontent.com',
		...RUNTIME_SOURCES
	]);
});
