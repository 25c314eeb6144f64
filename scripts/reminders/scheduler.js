// The compliance scheduler itself, shared by `npm run reminders` (run.js) and its integration
// test: pg-boss (a job queue kept in PostgreSQL) runs the daily tick (statuses, reminders,
// trend snapshot) and drains the outbox every minute. A failed job is retried by pg-boss; a
// failed send by the outbox's own backoff (public.outbox_failed), so none is lost, and the
// outbox's dedupe keys and lease make sure none is queued or marked sent twice.
import PgBoss from 'pg-boss';
import { drainOutbox } from './outbox.js';

export const QUEUES = { tick: 'compliance-tick', drain: 'outbox-drain' };

/**
 * @param {{ rpc(fn: string, args?: Record<string, unknown>): PromiseLike<{ data: any, error: any }> }} service
 *   a service-role client (the tick and outbox functions are service-role only)
 */
export async function tick(service) {
	const { data, error } = await service.rpc('compliance_tick');
	if (error) throw new Error(`compliance_tick: ${error.message}`);
	return data;
}

/**
 * Starts pg-boss on `databaseUrl` (a direct PostgreSQL connection; it keeps its own schema),
 * registers the two schedules and the workers. Returns the running boss (call stop()).
 * @param {{ databaseUrl: string, service: Parameters<typeof tick>[0],
 *   provider: import('./outbox.js').Provider extends never ? never : any,
 *   log?: (line: string) => void, pollingIntervalSeconds?: number }} options
 */
export async function startScheduler({
	databaseUrl,
	service,
	provider,
	log = console.log,
	pollingIntervalSeconds = 2
}) {
	const boss = new PgBoss(databaseUrl);
	boss.on('error', (e) => log(`[reminders] pg-boss: ${e.message}`));
	await boss.start();
	for (const name of Object.values(QUEUES)) await boss.createQueue(name);
	// 00:05 in Pakistan, when "today" changes for due dates.
	await boss.schedule(QUEUES.tick, '5 0 * * *', {}, { tz: 'Asia/Karachi', retryLimit: 5, retryDelay: 300 });
	await boss.schedule(QUEUES.drain, '* * * * *', {}, { retryLimit: 3, retryDelay: 30 });
	await boss.work(QUEUES.tick, { pollingIntervalSeconds }, async () => {
		log(`[reminders] tick ${JSON.stringify(await tick(service))}`);
	});
	await boss.work(QUEUES.drain, { pollingIntervalSeconds }, async () => {
		const result = await drainOutbox(service, provider);
		if (result.sent || result.failed) log(`[reminders] outbox ${JSON.stringify(result)}`);
	});
	return boss;
}
