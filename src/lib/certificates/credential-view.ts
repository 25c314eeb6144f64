import { fromBase64Url } from './base64url';
import type { OpenBadgeCredential } from './credential';

/**
 * Reads the credential inside a stored VC-JWT for display on the learner's own device. This
 * does not verify anything (the /verify page does); the learner's copy came from the server.
 */
export function readCredential(jwt: string): OpenBadgeCredential | null {
	try {
		const payload = jwt.split('.')[1];
		if (!payload) return null;
		const parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as OpenBadgeCredential;
		return parsed?.credentialSubject?.achievement ? parsed : null;
	} catch {
		return null;
	}
}
