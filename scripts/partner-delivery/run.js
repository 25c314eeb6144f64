// `npm run partner:deliver`: outbound delivery to partners (docs/partner-webhooks.md). pg-boss
// (a job queue kept in PostgreSQL) runs a drain every minute; each drain claims due deliveries
// with a lease in SQL, sends them and records every attempt. A failed drain job is retried by
// pg-boss; a failed send by the delivery's own schedule (schedule.js, about 3 days).
//
// Needs DATABASE_URL (a direct PostgreSQL connection for pg-boss), SUPABASE_URL,
// SUPABASE_SERVICE_ROLE_KEY (claiming is service-role only) and ORIGIN (Seekh's public origin:
// the xAPI account home page and activity ids). pg-boss cannot run on the embedded PGlite stack
// (one session): there, drain with `--once`. PARTNER_DELIVERY_ALLOW_PRIVATE=1 lets the worker
// reach http:// and private addresses (local development only).
import PgBoss from 'pg-boss';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { drainDeliveries } from './deliver.js';

const QUEUE = 'partner-delivery-drain';

const url = process.env.SUPABASE_URL ?? process.env.PUBLIC_SUPABASE_URL;
const key = process.env.SUPABASE_SERVICE_ROLE_KEY;
const origin = process.env.CERT_PUBLIC_ORIGIN || process.env.ORIGIN;
if (!url || !key || !origin) {
	console.error('Set SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and ORIGIN.');
	process.exit(2);
}
const service = createClient(url, key, {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: /** @type {never} */ (WebSocket) }
});
const allowPrivate = process.env.PARTNER_DELIVERY_ALLOW_PRIVATE === '1';

async function drain() {
	const result = await drainDeliveries(service, { origin: /** @type {string} */ (origin), allowPrivate });
	if (result.delivered || result.failed) console.log('[partner-delivery]', JSON.stringify(result));
}

if (process.argv.includes('--once')) {
	await drain();
	process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
	console.error('Set DATABASE_URL (a direct PostgreSQL connection) for pg-boss, or use --once.');
	process.exit(2);
}
const boss = new PgBoss(databaseUrl);
boss.on('error', (e) => console.error('[partner-delivery] pg-boss:', e.message));
await boss.start();
await boss.createQueue(QUEUE);
// Every minute; a drain still running when the next is due is not started twice (singleton).
await boss.schedule(QUEUE, '* * * * *', {}, { retryLimit: 3, retryDelay: 30, singletonKey: 'drain' });
await boss.work(QUEUE, async () => drain());
// One drain now, so what queued while the worker was down does not wait for the next minute.
await boss.send(QUEUE, {}, { retryLimit: 3, retryDelay: 30, singletonKey: 'drain' });
console.log('[partner-delivery] worker running (drain every minute)');

// A deploy or Ctrl-C: let the running drain finish (its leases would otherwise hold its
// deliveries for two minutes), then leave.
let stopping = false;
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		console.log(`[partner-delivery] ${signal}: stopping after the running drain`);
		await boss.stop({ graceful: true, timeout: 30_000, wait: true });
		console.log('[partner-delivery] stopped');
		process.exit(0);
	});
}
