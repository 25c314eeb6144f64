import { compactVerify, decodeProtectedHeader, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { OpenBadgeCredential } from './credential';
import { decodeStatusList, getBit } from './status-list';
import type { StatusListCredential } from './status-list-credential';

/**
 * Verifies a Seekh certificate (an Open Badges 3.0 VC-JWT, RS256) against the issuer's
 * published keys, in the browser or in Node, with no network of its own: the caller hands in
 * the keys and the status list it fetched or cached. Every failure is a result kind with a
 * translated message, never an exception: people paste anything into a verifier.
 */
export type FailureKind = 'malformed' | 'too-large' | 'invalid-signature' | 'unknown-key';
export type CheckedKind = 'valid' | 'revoked' | 'expired' | 'not-yet-valid' | 'status-unknown';

export interface RevocationStatus {
	/** good = not revoked per a fresh list; unknown = no list, a list past its ttl, or a bad list. */
	state: 'good' | 'revoked' | 'unknown';
	/** When the list was issued (its validFrom), for "as of" display. */
	asOf?: string;
	/** True when the list was fetched just now rather than read from cache. */
	live: boolean;
	stale?: boolean;
}

export type VerificationResult =
	| { kind: FailureKind; detail: string }
	| { kind: CheckedKind; credential: OpenBadgeCredential; kid: string; revocation: RevocationStatus };

export interface StatusListInput {
	jwt: string;
	live: boolean;
}

/** A credential bigger than this is not ours (ours are ~2.5 KB); refuse before parsing. */
export const MAX_CREDENTIAL_CHARS = 16_384;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Accepts a bare VC-JWT, or one wrapped in whitespace/line breaks as wallets and e-mail leave it. */
export function normaliseCredentialInput(input: unknown): string | null {
	if (typeof input !== 'string') return null;
	return input.replace(/\s+/g, '');
}

export async function verifyCredential(
	input: unknown,
	jwks: JSONWebKeySet,
	options: { statusList?: StatusListInput | null; now?: Date } = {}
): Promise<VerificationResult> {
	const now = options.now ?? new Date();
	if (typeof input === 'string' && input.length > MAX_CREDENTIAL_CHARS)
		return { kind: 'too-large', detail: `over ${MAX_CREDENTIAL_CHARS} characters` };
	const jwt = normaliseCredentialInput(input);
	if (!jwt || !JWT_SHAPE.test(jwt)) return { kind: 'malformed', detail: 'not a compact JWT' };

	const checked = await verifyJws(jwt, jwks);
	if ('kind' in checked) return checked;
	const credential = checked.payload;
	const problem = credentialProblem(credential);
	if (problem) return { kind: 'malformed', detail: problem };
	const cred = credential as unknown as OpenBadgeCredential;

	const revocation = await revocationStatus(cred, jwks, options.statusList ?? null, now);
	const base = { credential: cred, kid: checked.kid, revocation };
	if (Date.parse(cred.validFrom) > now.getTime() + 5 * 60_000) return { kind: 'not-yet-valid', ...base };
	if (cred.validUntil && Date.parse(cred.validUntil) <= now.getTime()) return { kind: 'expired', ...base };
	if (revocation.state === 'revoked') return { kind: 'revoked', ...base };
	if (revocation.state === 'unknown') return { kind: 'status-unknown', ...base };
	return { kind: 'valid', ...base };
}

/** Signature check: RS256 only, key chosen by `kid` from the published set. */
async function verifyJws(
	jwt: string,
	jwks: JSONWebKeySet
): Promise<{ kind: FailureKind; detail: string } | { payload: Record<string, unknown>; kid: string }> {
	let header: ReturnType<typeof decodeProtectedHeader>;
	try {
		header = decodeProtectedHeader(jwt);
	} catch {
		return { kind: 'malformed', detail: 'unreadable header' };
	}
	// Never let the token choose a weaker algorithm ("none", HS256 with the public key as secret).
	if (header.alg !== 'RS256')
		return { kind: 'invalid-signature', detail: `algorithm ${String(header.alg)} not accepted` };
	const kid = typeof header.kid === 'string' ? header.kid : '';
	const jwk = jwks.keys.find((k: JWK) => k.kid === kid && (k.kty === 'RSA' || !k.kty));
	if (!jwk) return { kind: 'unknown-key', detail: kid ? `no published key ${kid}` : 'no key id' };
	let verified: Awaited<ReturnType<typeof compactVerify>>;
	try {
		const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
		verified = await compactVerify(jwt, key, { algorithms: ['RS256'] });
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code === 'ERR_JWS_INVALID') return { kind: 'malformed', detail: 'invalid JWS' };
		return { kind: 'invalid-signature', detail: 'signature does not match' };
	}
	try {
		const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.payload));
		if (!payload || typeof payload !== 'object' || Array.isArray(payload))
			return { kind: 'malformed', detail: 'payload is not an object' };
		return { payload: payload as Record<string, unknown>, kid };
	} catch {
		return { kind: 'malformed', detail: 'payload is not JSON' };
	}
}

/** The minimum a certificate must carry for the verifier to show it (the schema test covers the rest). */
function credentialProblem(c: Record<string, unknown>): string | null {
	const types = c.type;
	if (
		!Array.isArray(types) ||
		!types.includes('VerifiableCredential') ||
		!types.includes('OpenBadgeCredential')
	)
		return 'not an OpenBadgeCredential';
	const issuer = c.issuer as { id?: unknown; name?: unknown } | undefined;
	if (typeof issuer?.id !== 'string' || typeof issuer.name !== 'string') return 'no issuer';
	if (c.iss !== undefined && c.iss !== issuer.id) return 'iss does not match issuer';
	if (typeof c.validFrom !== 'string' || Number.isNaN(Date.parse(c.validFrom))) return 'no validFrom';
	if (
		c.validUntil !== undefined &&
		(typeof c.validUntil !== 'string' || Number.isNaN(Date.parse(c.validUntil)))
	)
		return 'bad validUntil';
	const subject = c.credentialSubject as { name?: unknown; achievement?: { name?: unknown } } | undefined;
	if (typeof subject?.name !== 'string' || typeof subject.achievement?.name !== 'string')
		return 'no subject or achievement';
	return null;
}

async function revocationStatus(
	credential: OpenBadgeCredential,
	jwks: JSONWebKeySet,
	statusList: StatusListInput | null,
	now: Date
): Promise<RevocationStatus> {
	if (!statusList) return { state: 'unknown', live: false };
	const live = statusList.live;
	const checked = await verifyJws(statusList.jwt, jwks).catch(() => null);
	if (!checked || 'kind' in checked) return { state: 'unknown', live };
	const list = checked.payload as unknown as StatusListCredential;
	const entry = credential.credentialStatus;
	const subject = list.credentialSubject;
	const index = Number(entry?.statusListIndex);
	if (
		!entry ||
		list.id !== entry.statusListCredential ||
		!list.type?.includes('BitstringStatusListCredential') ||
		subject?.statusPurpose !== 'revocation' ||
		typeof subject.encodedList !== 'string' ||
		!Number.isInteger(index)
	)
		return { state: 'unknown', live };
	const asOf = list.validFrom;
	const ttl = typeof subject.ttl === 'number' && subject.ttl > 0 ? subject.ttl : 0;
	try {
		const bits = await decodeStatusList(subject.encodedList);
		// A revocation is final: a revoked bit counts even in an old copy of the list.
		if (getBit(bits, index)) return { state: 'revoked', asOf, live };
	} catch {
		return { state: 'unknown', asOf, live };
	}
	const age = now.getTime() - Date.parse(asOf);
	if (!(age <= ttl)) return { state: 'unknown', asOf, live, stale: true };
	return { state: 'good', asOf, live };
}
