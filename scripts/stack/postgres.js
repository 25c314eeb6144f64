// The stack's Postgres: PGlite served over the wire protocol (default, nothing to install), or
// a real PostgreSQL when a URL is given (a fresh database per run, dropped at the end).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyAll, schemaHash } from './sql-files.js';
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
	const extensions = await pgliteExtensions();
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	/** @type {import('@electric-sql/pglite').PGlite} */
	let db;
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		db = await PGlite.create(dataDir, { extensions });
		await applyAll({ exec: (sql) => db.exec(sql), query: (sql, params) => db.query(sql, params) });
	} else {
		db = await inMemoryFromTemplate(PGlite, extensions);
	}
	let listenPort = port ?? (await freePort());
	// PGlite is one Postgres session. PostgREST runs with db-pool = 1 and is the only regular
	// client, but when it replaces its connection the new one arrives before the old socket is
	// torn down: with room for one, the server hung up and PostgREST answered 503 PGRST000
	// (seen in CI). pglite-socket queues every connection's messages on the session and serves a
	// transaction's connection alone until it ends, so a few connections cannot interleave
	// (scripts/stack/pglite-reconnect.test.ts).
	let server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 4 });
	// A port from freePort() can be taken by someone's outgoing connection before we bind it
	// (as PostgREST's was in CI): with no port asked for, try another.
	for (let attempt = 1; ; attempt++) {
		try {
			await server.start();
			break;
		} catch (error) {
			const busy = /** @type {{ code?: string }} */ (error)?.code === 'EADDRINUSE';
			if (!busy || port !== undefined || attempt >= 5) throw error;
			listenPort = await freePort();
			server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 4 });
		}
	}
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
 * Extensions the migrations create that PGlite ships separately (Supabase has them installed):
 * pg_trgm for the People search (20261204000100_people_listing_search.sql).
 */
async function pgliteExtensions() {
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	return { pg_trgm };
}

const cacheDir = fileURLToPath(new URL('../../.data/cache/', import.meta.url));

/**
 * In-memory PGlite for tests, started from a cached data directory that already holds the
 * schema (keyed by a hash of every SQL file): initdb in WASM is the slow part of a start.
 * @param {typeof import('@electric-sql/pglite').PGlite} PGlite
 * @param {Record<string, import('@electric-sql/pglite').Extension>} extensions
 */
async function inMemoryFromTemplate(PGlite, extensions) {
	const file = `${cacheDir}pglite-${schemaHash()}.tar.gz`;
	if (existsSync(file)) {
		const db = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]), extensions });
		// Seed again: course content may have changed without the SQL files changing.
		await applyAll({ exec: (sql) => db.exec(sql), query: (sql, params) => db.query(sql, params) });
		return db;
	}
	const db = await PGlite.create({ extensions });
	await applyAll({ exec: (sql) => db.exec(sql), query: (sql, params) => db.query(sql, params) });
	const dump = await db.dumpDataDir('gzip');
	mkdirSync(cacheDir, { recursive: true });
	const partial = `${file}.${process.pid}.tmp`;
	writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
	renameSync(partial, file);
	return db;
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
