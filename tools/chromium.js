// The one place that says which Chromium the tests and the bench launch, and how: Debian's
// (Playwright's own browser cannot be downloaded here), headless, without background traffic.
import { existsSync } from 'node:fs';

/** The system Chromium: $CHROMIUM_PATH, else Debian's; undefined lets Playwright choose. */
export function systemChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path) => !!path && existsSync(path));
}

/** Flags for a headless run on a shared CI machine. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
