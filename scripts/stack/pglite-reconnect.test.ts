import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPglite, type Database } from './postgres.js';

// PostgREST's one connection to PGlite is replaced now and then (a pool recycle, a dropped
// socket). The new connection arrives while the old socket is still being torn down: with room
// for only one, the server hung up on it and PostgREST answered 503 PGRST000 "server closed the
// connection unexpectedly" (seen in CI). The socket server queues every connection's messages on
// the one session and keeps a transaction to the connection that opened it, so two are safe.
describe('the embedded database accepts a reconnect while the old connection is still open', () => {
	let db: Database;
	beforeAll(async () => {
		db = await startPglite({});
	}, 120_000);
	afterAll(async () => db?.stop());

	it(
		'serves a second connection, and keeps an open transaction to the connection that began it',
		{ timeout: 60_000 },
		async () => {
			const first = new pg.Client({ connectionString: db.url });
			const second = new pg.Client({ connectionString: db.url });
			await first.connect();
			await first.query('create table if not exists reconnect_probe (n int)');
			await first.query('begin');
			await first.query('insert into reconnect_probe values (1)');
			// Arrives while the first is inside its transaction: it waits for the commit (its start-up
			// included), and its query never runs inside the other connection's transaction.
			const counted = second
				.connect()
				.then(() => second.query('select count(*)::int as n from reconnect_probe'));
			await first.query('insert into reconnect_probe values (2)');
			await first.query('commit');
			expect((await counted).rows[0].n).toBe(2);
			// The first goes away (a recycled pool connection); the second carries on alone.
			await first.end();
			expect((await second.query('select 1 as one')).rows[0].one).toBe(1);
			await second.end();
		}
	);
});
