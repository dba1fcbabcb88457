// A self-signed certificate for the bench's HTTPS stand-ins, made at bench time with `openssl`
// (no key is ever committed), and the hash Chromium is told to trust it by
// (`--ignore-certificate-errors-spki-list`, bench/browser.ts): TLS is what lets the raw-content
// stand-in speak HTTP/2, as raw.githubusercontent.com does.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchCertificate = {
	key: Buffer;
	cert: Buffer;
	/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's flag takes it. */
	spki: string;
};

export function makeCertificate(): BenchCertificate {
	const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-tls-'));
	try {
		const keyFile = join(dir, 'key.pem');
		const certFile = join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-days',
				'2',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1,DNS:localhost',
				'-keyout',
				keyFile,
				'-out',
				certFile
			],
			{ stdio: 'ignore' }
		);
		const key = readFileSync(keyFile);
		const cert = readFileSync(certFile);
		const der = createPublicKey(cert).export({ type: 'spki', format: 'der' });
		return { key, cert, spki: createHash('sha256').update(der).digest('base64') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
