import { verifyCredential, type VerificationResult } from '$lib/certificates/verifier';
import {
	loadCredential,
	loadKeys,
	loadStatusList,
	type FetchError
} from '$lib/certificates/verification-material';
import { parseVerificationCode } from '$lib/certificates/verification-code';

/**
 * The /verify page's one job: gather keys, status list and (for a code) the credential —
 * live when online, from this device's copies when not — and check the signature here in the
 * browser. The outcome is either a verifier result or the reason nothing could be checked.
 */
export type VerifyOutcome =
	| { kind: 'checked'; result: VerificationResult; code?: string }
	| { kind: 'unavailable'; reason: FetchError | 'bad_code' | 'no_keys'; retryAfter?: number };

export async function verifyCode(input: string): Promise<VerifyOutcome> {
	const code = parseVerificationCode(input);
	if (!code) return { kind: 'unavailable', reason: 'bad_code' };
	const [credential, keys, status] = await Promise.all([loadCredential(code), loadKeys(), loadStatusList()]);
	if (!credential.value)
		return { kind: 'unavailable', reason: credential.error ?? 'server', retryAfter: credential.retryAfter };
	if (!keys.value) return { kind: 'unavailable', reason: 'no_keys' };
	const statusList = status.value ? { jwt: status.value, live: status.live } : null;
	return {
		kind: 'checked',
		code,
		result: await verifyCredential(credential.value, keys.value, { statusList })
	};
}

export async function verifyText(text: string): Promise<VerifyOutcome> {
	const [keys, status] = await Promise.all([loadKeys(), loadStatusList()]);
	if (!keys.value) return { kind: 'unavailable', reason: 'no_keys' };
	const statusList = status.value ? { jwt: status.value, live: status.live } : null;
	return { kind: 'checked', result: await verifyCredential(extractJwt(text), keys.value, { statusList }) };
}

/** A wallet file may hold the bare VC-JWT or a small JSON wrapper around it. */
export function extractJwt(text: string): string {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') || trimmed.length > 64_000) return trimmed;
	try {
		const parsed = JSON.parse(trimmed) as Record<string, unknown>;
		for (const field of ['credential', 'jwt', 'vc'])
			if (typeof parsed[field] === 'string') return parsed[field] as string;
	} catch {
		// Not JSON after all: let the verifier call it malformed.
	}
	return trimmed;
}
