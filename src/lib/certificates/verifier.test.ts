import { SignJWT, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCredentialInput } from '../../../tests/fixtures/certificate-sample';
import { signCredential, signStatusList } from '$lib/server/certificates/sign';
import {
	generateSigningJwk,
	keyringFromJwks,
	publicPart,
	type Keyring
} from '$lib/server/certificates/signing-keys';
import { buildCredential, statusListUrl } from './credential';
import { bitstringWith, encodeStatusList } from './status-list';
import { buildStatusListCredential } from './status-list-credential';
import { MAX_CREDENTIAL_CHARS, verifyCredential, type StatusListInput } from './verifier';

const now = new Date('2026-12-01T12:00:00Z');
const origin = sampleCredentialInput.origin;
let ring: Keyring;
let other: Keyring;
let jwks: JSONWebKeySet;
let good: string;
let freshList: StatusListInput;

async function statusList(
	revoked: number[],
	issuedAt: Date,
	keyring = ring,
	live = true
): Promise<StatusListInput> {
	const list = buildStatusListCredential({
		listUrl: statusListUrl(origin),
		issuer: `${origin}/issuers/coe-ai`,
		encodedList: await encodeStatusList(bitstringWith(revoked)),
		issuedAt
	});
	return { jwt: await signStatusList(list, keyring), live };
}

function part(jwt: string, i: number) {
	return jwt.split('.')[i]!;
}

beforeAll(async () => {
	ring = await keyringFromJwks([await generateSigningJwk()]);
	other = await keyringFromJwks([await generateSigningJwk()]);
	jwks = { keys: ring.publicJwks };
	good = await signCredential(buildCredential(sampleCredentialInput), ring);
	freshList = await statusList([1, 2, 3], new Date(now.getTime() - 60_000));
});

describe('certificate verifier', () => {
	it('accepts a genuine certificate with a fresh status list, and says the status is live', async () => {
		const result = await verifyCredential(good, jwks, { statusList: freshList, now });
		expect(result.kind).toBe('valid');
		if (result.kind !== 'valid') return;
		expect(result.credential.credentialSubject.name).toBe('عائشہ خان');
		expect(result.kid).toBe(ring.active.kid);
		expect(result.revocation).toMatchObject({ state: 'good', live: true });
	});

	it('accepts line-wrapped input as pasted from e-mail', async () => {
		const wrapped = good.replace(/(.{64})/g, '$1\n');
		expect((await verifyCredential(` ${wrapped} `, jwks, { statusList: freshList, now })).kind).toBe('valid');
	});

	it('rejects a tampered payload', async () => {
		const payload = JSON.parse(Buffer.from(part(good, 1), 'base64url').toString('utf8')) as Record<
			string,
			unknown
		>;
		(payload.credentialSubject as { name: string }).name = 'Someone Else';
		const forged = `${part(good, 0)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${part(good, 2)}`;
		expect((await verifyCredential(forged, jwks, { statusList: freshList, now })).kind).toBe(
			'invalid-signature'
		);
	});

	it('rejects a signature swapped in from another genuine certificate', async () => {
		const another = await signCredential(
			buildCredential({ ...sampleCredentialInput, learnerName: 'Ali Raza' }),
			ring
		);
		const swapped = `${part(good, 0)}.${part(good, 1)}.${part(another, 2)}`;
		expect((await verifyCredential(swapped, jwks, { now })).kind).toBe('invalid-signature');
	});

	it('rejects a certificate signed by another key claiming our kid', async () => {
		const impostor = await new SignJWT({ ...buildCredential(sampleCredentialInput) })
			.setProtectedHeader({ alg: 'RS256', kid: ring.active.kid })
			.sign(other.active.privateKey);
		expect((await verifyCredential(impostor, jwks, { now })).kind).toBe('invalid-signature');
	});

	it('reports an unknown issuer key when the kid is not published', async () => {
		const foreign = await signCredential(buildCredential(sampleCredentialInput), other);
		const result = await verifyCredential(foreign, jwks, { now });
		expect(result.kind).toBe('unknown-key');
	});

	it('refuses algorithms other than RS256 (alg none, HS256)', async () => {
		const none = `${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.${part(good, 1)}.AAAA`;
		expect((await verifyCredential(none, jwks, { now })).kind).toBe('invalid-signature');
		const hs = await new SignJWT({ a: 1 })
			.setProtectedHeader({ alg: 'HS256', kid: ring.active.kid })
			.sign(new Uint8Array(32));
		expect((await verifyCredential(hs, jwks, { now })).kind).toBe('invalid-signature');
	});

	it('reports an expired certificate', async () => {
		const expiring = await signCredential(
			buildCredential({ ...sampleCredentialInput, validUntil: new Date('2026-11-30T00:00:00Z') }),
			ring
		);
		expect((await verifyCredential(expiring, jwks, { statusList: freshList, now })).kind).toBe('expired');
	});

	it('reports a revoked certificate, even from an old cached list', async () => {
		const revokedList = await statusList(
			[sampleCredentialInput.statusIndex],
			new Date(now.getTime() - 60_000)
		);
		expect((await verifyCredential(good, jwks, { statusList: revokedList, now })).kind).toBe('revoked');
		const oldRevoked = await statusList(
			[sampleCredentialInput.statusIndex],
			new Date('2026-11-26T00:00:00Z'),
			ring,
			false
		);
		expect((await verifyCredential(good, jwks, { statusList: oldRevoked, now })).kind).toBe('revoked');
	});

	it('treats a status list older than its ttl as unknown, not valid, and says as of when', async () => {
		const stale = await statusList([], new Date('2026-11-28T00:00:00Z'), ring, false);
		const result = await verifyCredential(good, jwks, { statusList: stale, now });
		expect(result.kind).toBe('status-unknown');
		if (result.kind !== 'status-unknown') return;
		expect(result.revocation).toMatchObject({
			state: 'unknown',
			stale: true,
			live: false,
			asOf: '2026-11-28T00:00:00Z'
		});
	});

	it('uses a cached list within its ttl and says it is not live', async () => {
		const cached = await statusList([], new Date(now.getTime() - 3_600_000), ring, false);
		const result = await verifyCredential(good, jwks, { statusList: cached, now });
		expect(result.kind).toBe('valid');
		if (result.kind === 'valid') expect(result.revocation.live).toBe(false);
	});

	it('does not trust a status list signed by someone else, or none at all', async () => {
		const forgedList = await statusList([], new Date(now.getTime() - 60_000), other);
		expect((await verifyCredential(good, jwks, { statusList: forgedList, now })).kind).toBe('status-unknown');
		expect((await verifyCredential(good, jwks, { now })).kind).toBe('status-unknown');
	});

	it('rejects malformed input with a reason, never a throw', async () => {
		for (const input of [
			'',
			'hello',
			'a.b.c',
			'eyJ.eyJ.',
			'{"credential":1}',
			42,
			null,
			undefined,
			{ jwt: good }
		]) {
			const result = await verifyCredential(input, jwks, { now });
			expect(result.kind, String(input)).toBe('malformed');
		}
		const notJson = await new SignJWT({})
			.setProtectedHeader({ alg: 'RS256', kid: ring.active.kid })
			.sign(ring.active.privateKey);
		expect((await verifyCredential(notJson, jwks, { now })).kind).toBe('malformed');
	});

	it('rejects oversized input before parsing it', async () => {
		const huge = `${part(good, 0)}.${'A'.repeat(MAX_CREDENTIAL_CHARS)}.${part(good, 2)}`;
		expect((await verifyCredential(huge, jwks, { now })).kind).toBe('too-large');
	});

	it('keeps old certificates valid after key rotation', async () => {
		const oldJwk = await generateSigningJwk();
		const oldRing = await keyringFromJwks([oldJwk]);
		const issuedBefore = await signCredential(buildCredential(sampleCredentialInput), oldRing);
		const rotated = await keyringFromJwks([await generateSigningJwk(), publicPart(oldJwk)]);
		expect(rotated.active.kid).not.toBe(oldRing.active.kid);
		const list = await statusList([], new Date(now.getTime() - 60_000), rotated);
		const result = await verifyCredential(
			issuedBefore,
			{ keys: rotated.publicJwks },
			{ statusList: list, now }
		);
		expect(result.kind).toBe('valid');
	});
});
