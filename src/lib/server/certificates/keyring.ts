import { env } from '$env/dynamic/private';
import { devKeysAllowed, NotConfigured } from './config';
import { keyringFromJwks, loadOrCreateDevKeys, parseKeysVariable, type Keyring } from './signing-keys';

/**
 * The server's one keyring, loaded once. `CERT_SIGNING_KEYS` (npm run keys:generate) or
 * nothing: a server never invents its own key unless SEEKH_DEV_KEYS=1 says it is a developer's
 * machine (set by `npm run dev` and the test setups only), whatever NODE_ENV says.
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
	if (!devKeysAllowed(vars))
		throw new NotConfigured(
			'CERT_SIGNING_KEYS must be set: this server never generates its own signing key (SEEKH_DEV_KEYS=1 is for development only)'
		);
	return keyringFromJwks(await loadOrCreateDevKeys(vars.CERT_DEV_KEY_FILE ?? '.data/cert-signing-keys.json'));
}
