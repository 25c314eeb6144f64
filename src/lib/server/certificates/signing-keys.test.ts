import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKeyring } from './keyring';
import {
	generateSigningJwk,
	keyringFromJwks,
	loadOrCreateDevKeys,
	publicPart,
	rotateDevKeys
} from './signing-keys';

describe('certificate signing keys', () => {
	it('creates a dev key once, owner-readable only, and reuses it', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'cert-keys-')), 'nested', 'keys.json');
		const first = await loadOrCreateDevKeys(file);
		const again = await loadOrCreateDevKeys(file);
		expect(again[0]?.kid).toBe(first[0]?.kid);
		expect((await stat(file)).mode & 0o077).toBe(0);
	});

	it('publishes only public members, with kid, alg and use', async () => {
		const ring = await keyringFromJwks([await generateSigningJwk()]);
		const [pub] = ring.publicJwks;
		expect(pub).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: ring.active.kid });
		for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(pub).not.toHaveProperty(secret);
	});

	it('rotation puts a new signing key first and keeps the old one published', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'cert-keys-')), 'keys.json');
		const [old] = await loadOrCreateDevKeys(file);
		const rotated = await rotateDevKeys(file);
		const ring = await keyringFromJwks(rotated);
		expect(ring.active.kid).not.toBe(old?.kid);
		expect(ring.publicJwks.map((k) => k.kid)).toEqual([ring.active.kid, old?.kid]);
		expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(2);
	});

	it('reads production keys from the environment and refuses to invent one there', async () => {
		const jwk = await generateSigningJwk();
		const retired = publicPart(await generateSigningJwk());
		const ring = await resolveKeyring({
			NODE_ENV: 'production',
			CERT_SIGNING_KEYS: JSON.stringify({ keys: [retired, jwk] })
		});
		expect(ring.active.kid).toBe(jwk.kid);
		expect(ring.publicJwks).toHaveLength(2);
		await expect(resolveKeyring({ NODE_ENV: 'production' })).rejects.toThrow(/CERT_SIGNING_KEYS/);
		await expect(resolveKeyring({ CERT_SIGNING_KEYS: '[]' })).rejects.toThrow(/non-empty/);
		await expect(resolveKeyring({ CERT_SIGNING_KEYS: JSON.stringify([retired]) })).rejects.toThrow(
			/no private/
		);
	});
});
