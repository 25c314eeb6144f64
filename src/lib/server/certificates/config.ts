import { env } from '$env/dynamic/private';

/**
 * Everything certificate issuance reads from the environment, in one place, so the server's
 * startup validation can ask the same questions (docs/deploy.md). Nothing here comes from a
 * request: a forged Host header once ended up inside signed credentials and the status list.
 */
export type Vars = Record<string, string | undefined>;

export class NotConfigured extends Error {}

/**
 * The origin written into credentials (issuer, status list, achievement ids): CERT_PUBLIC_ORIGIN,
 * else ORIGIN (adapter-node's own setting). Without either, nothing is issued.
 */
export function certificateOrigin(vars: Vars = env): string {
	const raw = (vars.CERT_PUBLIC_ORIGIN || vars.ORIGIN || '').trim();
	if (!raw) throw new NotConfigured('CERT_PUBLIC_ORIGIN (or ORIGIN) must be set to issue certificates');
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NotConfigured(`CERT_PUBLIC_ORIGIN must be set to an origin like https://seekh.example.pk`);
	}
	if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password || url.search || url.hash)
		throw new NotConfigured(`CERT_PUBLIC_ORIGIN must be set to an origin like https://seekh.example.pk`);
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Development only: may the server make (and keep under .data/) its own signing key? */
export function devKeysAllowed(vars: Vars = env): boolean {
	return vars.SEEKH_DEV_KEYS === '1';
}

/** What must be set before this server issues or verifies anything; empty = ready. */
export function certificateConfigProblems(vars: Vars = env): string[] {
	const problems: string[] = [];
	try {
		certificateOrigin(vars);
	} catch (e) {
		problems.push((e as Error).message);
	}
	if (!vars.CERT_SIGNING_KEYS && !devKeysAllowed(vars))
		problems.push('CERT_SIGNING_KEYS must be set (npm run keys:generate prints one)');
	return problems;
}
