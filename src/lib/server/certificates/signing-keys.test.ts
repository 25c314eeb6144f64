import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { certificateConfigProblems, certificateOrigin, NotConfigured } from './config';
import { resolveKeyring } from './keyring';
import {
	generateSigningJwk,
	keyringFromJwks,
	loadOrCreateDevKeys,
	parseKeysVariable,
	publicPart,
	rotateDevKeys
} from './signing-keys';

// RSA key generation is slow on a loaded machine.
describe('certificate signing keys', { timeout: 60_000 }, () => {
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
		// Defect 7: `node build` with NODE_ENV unset used to invent a key; now only the explicit
		// development flag allows it, whatever NODE_ENV says.
		await expect(resolveKeyring({})).rejects.toThrow(/CERT_SIGNING_KEYS/);
		await expect(resolveKeyring({ NODE_ENV: 'development' })).rejects.toThrow(/CERT_SIGNING_KEYS/);
		await expect(resolveKeyring({ SEEKH_DEV_KEYS: 'yes' })).rejects.toThrow(/CERT_SIGNING_KEYS/);
		const file = join(await mkdtemp(join(tmpdir(), 'cert-keys-')), 'dev.json');
		const dev = await resolveKeyring({ SEEKH_DEV_KEYS: '1', CERT_DEV_KEY_FILE: file });
		expect(dev.publicJwks).toHaveLength(1);
		await expect(resolveKeyring({ CERT_SIGNING_KEYS: '[]' })).rejects.toThrow(/non-empty/);
		await expect(resolveKeyring({ CERT_SIGNING_KEYS: JSON.stringify([retired]) })).rejects.toThrow(
			/no private/
		);
	});

	it('npm run keys:generate prints a working CERT_SIGNING_KEYS and rotates keeping only public parts', () => {
		const first = execFileSync(process.execPath, ['scripts/keys-generate.js'], { encoding: 'utf8' });
		const rotated = execFileSync(process.execPath, ['scripts/keys-generate.js', '--rotate'], {
			encoding: 'utf8',
			env: { ...process.env, CERT_SIGNING_KEYS: first }
		});
		const keys = parseKeysVariable(rotated);
		expect(keys).toHaveLength(2);
		expect(typeof keys[0]?.d).toBe('string');
		expect(keys[1]).not.toHaveProperty('d');
		expect(keys[1]?.kid).toBe(parseKeysVariable(first)[0]?.kid);
		return expect(resolveKeyring({ CERT_SIGNING_KEYS: rotated })).resolves.toMatchObject({
			active: { kid: keys[0]?.kid }
		});
	});
});

describe('certificate configuration (defect 6)', () => {
	it('takes the credential origin from configuration only, and refuses without it', () => {
		expect(() => certificateOrigin({})).toThrow(NotConfigured);
		expect(() => certificateOrigin({ CERT_PUBLIC_ORIGIN: 'not a url' })).toThrow(NotConfigured);
		expect(() => certificateOrigin({ CERT_PUBLIC_ORIGIN: 'https://x.pk/?a=1' })).toThrow(NotConfigured);
		expect(certificateOrigin({ ORIGIN: 'https://seekh.example.pk/' })).toBe('https://seekh.example.pk');
		expect(certificateOrigin({ ORIGIN: 'https://a.pk', CERT_PUBLIC_ORIGIN: 'https://b.pk' })).toBe(
			'https://b.pk'
		);
		expect(certificateConfigProblems({})).toHaveLength(2);
		expect(certificateConfigProblems({ ORIGIN: 'https://a.pk', SEEKH_DEV_KEYS: '1' })).toEqual([]);
	});
});
