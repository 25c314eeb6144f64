import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/**
 * Certificate signing keys (RS256, RSA 2048). Production reads them from the environment
 * (`CERT_SIGNING_KEYS`: a JSON array of JWKs, newest first); the local stack generates one
 * under `.data/` on first use, never committed. Rotation = put a new key first and keep the
 * old ones (their public half is enough): old certificates still verify because every key
 * stays in the published JWKS, and each certificate names its key by `kid`.
 */
export interface Keyring {
	active: { kid: string; privateKey: CryptoKey };
	/** Public keys of every key in the ring, active first: what `/.well-known/jwks.json` serves. */
	publicJwks: JWK[];
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export async function generateSigningJwk(): Promise<JWK> {
	const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
	const jwk = await exportJWK(privateKey);
	return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

export function publicPart(jwk: JWK): JWK {
	const pub: JWK = { ...jwk };
	for (const member of PRIVATE_MEMBERS) delete pub[member];
	return { ...pub, alg: 'RS256', use: 'sig' };
}

/** Builds the ring from JWKs, newest first; the first one holding a private key signs. */
export async function keyringFromJwks(jwks: JWK[]): Promise<Keyring> {
	const withKids = await Promise.all(
		jwks.map(async (jwk) => {
			if (jwk.kty !== 'RSA') throw new Error('certificate keys must be RSA (RS256)');
			return { ...jwk, kid: jwk.kid ?? (await calculateJwkThumbprint(jwk)) };
		})
	);
	const signer = withKids.find((jwk) => typeof jwk.d === 'string');
	if (!signer) throw new Error('no private signing key in the keyring');
	const privateKey = (await importJWK({ ...signer, alg: 'RS256' }, 'RS256')) as CryptoKey;
	return { active: { kid: signer.kid, privateKey }, publicJwks: withKids.map(publicPart) };
}

/** Reads `CERT_SIGNING_KEYS` (array or `{ keys: [...] }`). */
export function parseKeysVariable(text: string): JWK[] {
	const parsed: unknown = JSON.parse(text);
	const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
	if (!Array.isArray(keys) || keys.length === 0)
		throw new Error('CERT_SIGNING_KEYS must be a non-empty JSON array of JWKs');
	return keys as JWK[];
}

/** The dev keyring file, created with a fresh key when missing (owner-only permissions). */
export async function loadOrCreateDevKeys(file: string): Promise<JWK[]> {
	try {
		return parseKeysVariable(await readFile(file, 'utf8'));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const keys = [await generateSigningJwk()];
	await mkdir(dirname(file), { recursive: true });
	const temp = `${file}.${process.pid}.tmp`;
	await writeFile(temp, JSON.stringify(keys, null, 2), { mode: 0o600 });
	await rename(temp, file);
	return parseKeysVariable(await readFile(file, 'utf8'));
}

/** Rotation for the local stack: a new active key in front, old ones kept for verification. */
export async function rotateDevKeys(file: string): Promise<JWK[]> {
	const keys = [await generateSigningJwk(), ...(await loadOrCreateDevKeys(file))];
	await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
	return keys;
}
