import { SignJWT } from 'jose';
import { jwtClaimsFor, type OpenBadgeCredential } from '$lib/certificates/credential';
import type { StatusListCredential } from '$lib/certificates/status-list-credential';
import type { Keyring } from './signing-keys';

/** Signs a certificate as a VC-JWT (OB 3.0 §8.2): RS256, `kid` names the key in the JWKS. */
export async function signCredential(credential: OpenBadgeCredential, keyring: Keyring): Promise<string> {
	return new SignJWT(jwtClaimsFor(credential))
		.setProtectedHeader({ alg: 'RS256', kid: keyring.active.kid, typ: 'JWT' })
		.sign(keyring.active.privateKey);
}

/** Signs the revocation list the same way, so verifiers need only one set of keys. */
export async function signStatusList(list: StatusListCredential, keyring: Keyring): Promise<string> {
	return new SignJWT({
		...list,
		iss: list.issuer,
		jti: list.id,
		nbf: Math.floor(Date.parse(list.validFrom) / 1000)
	})
		.setProtectedHeader({ alg: 'RS256', kid: keyring.active.kid, typ: 'JWT' })
		.sign(keyring.active.privateKey);
}
