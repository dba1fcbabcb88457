// The runtime that will run, known before setup: a proposal's note when Lite will skip a setup
// that needs Node. Under Node the page is not cross-origin isolated, as where the WebContainer
// cannot boot.
import { describe, expect, it } from 'vitest';
import { liteSetupNote, whyLite } from '../../../src/lib/ui/sandbox/runtime-forecast.ts';

const skipped =
	'Setup skipped: `pnpm install --frozen-lockfile` needs Node, which the Lite runtime does not have; ' +
	'the agent can read and edit files but not run pnpm.';

describe('runtime forecast', () => {
	it('says why Lite will run, for each runtime choice', async () => {
		expect(await Promise.all([whyLite('lite'), whyLite('webcontainer'), whyLite('auto')])).toEqual([
			'This environment uses the Lite runtime.',
			null,
			'The WebContainer cannot start in this page: it is not cross-origin isolated (crossOriginIsolated is false). The Lite runtime will run instead.'
		]);
	});

	it('notes a skipped setup only when Lite will run and the script needs Node', () => {
		const script = 'cd web && pnpm install --frozen-lockfile';
		expect([
			liteSetupNote(script, 'This environment uses the Lite runtime.'),
			liteSetupNote(script, null),
			liteSetupNote('echo pnpm; make', 'This environment uses the Lite runtime.')
		]).toEqual([`This environment uses the Lite runtime. ${skipped}`, null, null]);
	});
});
