import { env } from '$env/dynamic/private';
import { keyringFromJwks, loadOrCreateDevKeys, parseKeysVariable, type Keyring } from './signing-keys';

/**
 * The server's one keyring, loaded once. `CERT_SIGNING_KEYS` wins; without it, outside
 * production, the local stack's key under `.data/` is used (made on first run).
 */
let loading: Promise<Keyring> | undefined;

export function getKeyring(): Promise<Keyring> {
	loading ??= resolveKeyring(env).catch((error: unknown) => {
		loading = undefined; // let the next request retry (e.g. after the variable is fixed)
		throw error;
	});
	return loading;
}

export async function resolveKeyring(vars: Record<string, string | undefined>): Promise<Keyring> {
	if (vars.CERT_SIGNING_KEYS) return keyringFromJwks(parseKeysVariable(vars.CERT_SIGNING_KEYS));
	if (vars.NODE_ENV === 'production' && vars.CERT_DEV_KEYS !== '1')
		throw new Error('CERT_SIGNING_KEYS is not set: production never generates its own signing key');
	return keyringFromJwks(await loadOrCreateDevKeys(vars.CERT_DEV_KEY_FILE ?? '.data/cert-signing-keys.json'));
}
