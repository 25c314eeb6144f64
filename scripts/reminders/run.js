// `npm run reminders`: the compliance scheduler. pg-boss (a job queue kept in PostgreSQL) runs
// the daily tick (statuses, reminders, trend snapshot) and drains the outbox every minute; a
// failed job is retried by pg-boss, a failed send by the outbox's own backoff.
//
// Needs DATABASE_URL (a direct PostgreSQL connection for pg-boss), SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY (the outbox and tick functions are service-role only). pg-boss needs
// several connections and its own schema; it is not run on the embedded PGlite stack (one
// session) — there, call `select public.compliance_tick()` and drain with `--once`.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { drainOutbox, printingProvider } from './outbox.js';
import { startScheduler, tick } from './scheduler.js';

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

if (process.argv.includes('--once')) {
	console.log('[reminders] tick', JSON.stringify(await tick(service)));
	console.log('[reminders] outbox', JSON.stringify(await drainOutbox(service, provider)));
	process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
	console.error(
		'Set DATABASE_URL (a direct PostgreSQL connection) for the pg-boss scheduler, or use --once.'
	);
	process.exit(2);
}
await startScheduler({ databaseUrl, service, provider });
console.log('[reminders] scheduler running (daily tick 00:05 Asia/Karachi, outbox every minute)');
