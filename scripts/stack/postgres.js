// The stack's Postgres: PGlite served over the wire protocol (default, nothing to install), or
// a real PostgreSQL when a URL is given (a fresh database per run, dropped at the end).
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { applyAll } from './sql-files.js';
import { freePort } from './ports.js';

/**
 * @typedef {{ url: string, kind: 'pglite' | 'postgres', stop(): Promise<void> }} Database
 */

/**
 * @param {{ dataDir?: string, port?: number }} options dataDir unset = in memory
 * @returns {Promise<Database>}
 */
export async function startPglite({ dataDir, port }) {
	const { PGlite } = await import('@electric-sql/pglite');
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	const db = await PGlite.create(dataDir);
	await applyAll({ exec: (sql) => db.exec(sql), query: (sql, params) => db.query(sql, params) });
	const listenPort = port ?? (await freePort());
	// PGlite is one Postgres session. PostgREST runs with db-pool = 1 and is the only client,
	// so one connection is all we allow: nothing can interleave with its transactions.
	const server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 1 });
	await server.start();
	return {
		url: `postgres://postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
		kind: 'pglite',
		async stop() {
			await server.stop();
			await db.close();
		}
	};
}

/**
 * @param {{ databaseUrl: string, fresh: boolean }} options fresh = create a new database next to the named one
 * @returns {Promise<Database>}
 */
export async function startPostgres({ databaseUrl, fresh }) {
	const base = new URL(databaseUrl);
	const target = new URL(databaseUrl);
	const name = fresh ? `${base.pathname.slice(1) || 'seekh'}_${process.pid}_${Date.now().toString(36)}` : '';
	if (fresh) {
		const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
		await admin.connect();
		await admin.query(`create database "${name}"`);
		await admin.end();
		target.pathname = `/${name}`;
	}
	const client = new pg.Client({ connectionString: target.toString() });
	await client.connect();
	await applyAll({ exec: (sql) => client.query(sql), query: (sql, params) => client.query(sql, params) });
	await client.end();
	return {
		url: target.toString(),
		kind: 'postgres',
		async stop() {
			if (!fresh) return;
			const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
			await admin.connect();
			await admin.query(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

/** @param {URL} url @param {string} database */
function withDatabase(url, database) {
	const copy = new URL(url);
	copy.pathname = `/${database}`;
	return copy.toString();
}
