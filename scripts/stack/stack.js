// The embedded backend: Postgres (PGlite, or a real PostgreSQL when given a URL), the real
// PostgREST, the auth stand-in and one gateway origin. Used by `npm run stack`, `npm run dev`,
// the integration tests and the sync benchmark.
import { randomBytes } from 'node:crypto';
import { authStore } from './auth-store.js';
import { createAuthHandler } from './auth-server.js';
import { startGateway } from './gateway.js';
import { apiKeys, DEV_JWT_SECRET } from './keys.js';
import { startPglite, startPostgres } from './postgres.js';
import { startPostgrest } from './postgrest.js';
import { startSummariesTimer } from './summaries-timer.js';

/**
 * @typedef {{
 *   url: string, anonKey: string, serviceKey: string, jwtSecret: string,
 *   db: 'pglite' | 'postgres', dbUrl: string, stop(): Promise<void>
 * }} Stack
 */

/**
 * @param {{
 *   port?: number, dataDir?: string, databaseUrl?: string, freshDatabase?: boolean,
 *   jwtSecret?: string, accessTtl?: number, onOtp?: (target: string, code: string) => void,
 *   log?: (line: string) => void, refreshSummariesEveryMs?: number
 * }} [options] port 0 = any free port; no dataDir = PGlite in memory;
 *   refreshSummariesEveryMs: refresh the monitoring summaries on a timer (off when unset)
 * @returns {Promise<Stack>}
 */
export async function startStack(options = {}) {
	const jwtSecret = options.jwtSecret ?? randomBytes(32).toString('hex');
	const log = options.log ?? ((line) => console.log(`[postgrest] ${line}`));
	const db = options.databaseUrl
		? await startPostgres({ databaseUrl: options.databaseUrl, fresh: options.freshDatabase ?? true })
		: await startPglite({ dataDir: options.dataDir });
	/** @type {Array<() => Promise<void>>} */
	const stops = [() => db.stop()];
	const stop = async () => {
		for (const fn of stops.reverse()) await fn().catch((e) => console.error('[stack] stop:', e));
	};
	try {
		// PGlite is one session, so one connection; a real PostgreSQL gets a small pool (as Supabase).
		const pool = db.kind === 'pglite' ? 1 : 4;
		const rest = await startPostgrest({
			dbUrl: db.url,
			jwtSecret,
			schemas: 'public,local_auth',
			pool,
			singleSession: db.kind === 'pglite',
			log
		});
		stops.push(() => rest.stop());
		const { anonKey, serviceKey } = await apiKeys(jwtSecret);
		/** @type {{ url: string, stop(): Promise<void> } | undefined} */
		let gateway;
		const auth = createAuthHandler({
			store: authStore(rest.url, serviceKey),
			jwtSecret,
			issuer: 'seekh-local-auth',
			accessTtl: options.accessTtl,
			onOtp: options.onOtp
		});
		gateway = await startGateway({ port: options.port ?? 0, restUrl: rest.url, auth });
		stops.push(() => gateway.stop());
		if (options.refreshSummariesEveryMs)
			stops.push(
				startSummariesTimer({ restUrl: rest.url, serviceKey, everyMs: options.refreshSummariesEveryMs, log })
			);
		return { url: gateway.url, anonKey, serviceKey, jwtSecret, db: db.kind, dbUrl: db.url, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

export { DEV_JWT_SECRET };
