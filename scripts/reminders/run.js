// `npm run reminders`: the compliance scheduler. pg-boss (a job queue kept in PostgreSQL) runs
// the daily tick (statuses, reminders, trend snapshot) and drains the outbox every minute; a
// failed job is retried by pg-boss, a failed send by the outbox's own backoff.
//
// Needs DATABASE_URL (a direct PostgreSQL connection for pg-boss), SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY (the outbox and tick functions are service-role only). pg-boss needs
// several connections and its own schema; it is not run on the embedded PGlite stack (one
// session) — there, call `select public.compliance_tick()` and drain with `--once`.
import PgBoss from 'pg-boss';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { drainOutbox, printingProvider } from './outbox.js';

const url = process.env.SUPABASE_URL ?? process.env.PUBLIC_SUPABASE_URL;
const key = process.env.SUPABASE_SERVICE_ROLE_KEY;
if (!url || !key) {
	console.error('Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY.');
	process.exit(2);
}
const service = createClient(url, key, {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: /** @type {never} */ (WebSocket) }
});
// Replace with a real gateway (same interface: send(message, text) → { ref }) in production.
const provider = printingProvider();

async function tick() {
	const { data, error } = await service.rpc('compliance_tick');
	if (error) throw new Error(error.message);
	console.log('[reminders] tick', JSON.stringify(data));
}

async function drain() {
	const result = await drainOutbox(service, provider);
	if (result.sent || result.failed) console.log('[reminders] outbox', JSON.stringify(result));
}

if (process.argv.includes('--once')) {
	await tick();
	await drain();
	process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
	console.error(
		'Set DATABASE_URL (a direct PostgreSQL connection) for the pg-boss scheduler, or use --once.'
	);
	process.exit(2);
}
const boss = new PgBoss(databaseUrl);
boss.on('error', (e) => console.error('[reminders] pg-boss:', e.message));
await boss.start();
for (const name of ['compliance-tick', 'outbox-drain']) await boss.createQueue(name);
// 00:05 in Pakistan, when "today" changes for due dates.
await boss.schedule(
	'compliance-tick',
	'5 0 * * *',
	{},
	{ tz: 'Asia/Karachi', retryLimit: 5, retryDelay: 300 }
);
await boss.schedule('outbox-drain', '* * * * *', {}, { retryLimit: 3, retryDelay: 30 });
await boss.work('compliance-tick', async () => tick());
await boss.work('outbox-drain', async () => drain());
console.log('[reminders] scheduler running (daily tick 00:05 Asia/Karachi, outbox every minute)');
