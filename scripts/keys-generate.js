// `npm run keys:generate`: prints a CERT_SIGNING_KEYS value with a new RS256 signing key
// (RSA 2048, kid = RFC 7638 thumbprint). Rotation: run it with the current value in
// CERT_SIGNING_KEYS and `--rotate`; the new key comes first (it signs) and every old key is
// kept as its PUBLIC part only, so certificates signed before still verify. Nothing is written
// to disk: paste the output into the server's secret store. docs/certification.md "Keys".
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const jwk = await exportJWK(privateKey);
const fresh = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };

/** @type {Record<string, unknown>[]} */
let kept = [];
if (process.argv.includes('--rotate')) {
	const current = process.env.CERT_SIGNING_KEYS;
	if (!current) {
		console.error('--rotate needs the current value in CERT_SIGNING_KEYS');
		process.exit(1);
	}
	const parsed = JSON.parse(current);
	const keys = Array.isArray(parsed) ? parsed : parsed.keys;
	kept = keys.map((/** @type {Record<string, unknown>} */ k) =>
		Object.fromEntries(Object.entries(k).filter(([name]) => !PRIVATE.includes(name)))
	);
}
process.stdout.write(`${JSON.stringify([fresh, ...kept])}\n`);
console.error(`new signing key ${fresh.kid}${kept.length ? `; kept ${kept.length} old public key(s)` : ''}`);
