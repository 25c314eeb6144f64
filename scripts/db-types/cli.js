// `npm run db:types`: starts the embedded stack's Postgres (PGlite, in memory) with every
// migration applied, reads the `public` schema from its catalogue and writes
// src/lib/db/database.types.ts. `--check` writes nothing and fails when that file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as prettier from 'prettier';
import { startPglite, startPostgres } from '../stack/postgres.js';
import { readCatalogue } from './catalogue.js';
import { renderDatabaseTypes } from './render.js';

export const TYPES_FILE = fileURLToPath(new URL('../../src/lib/db/database.types.ts', import.meta.url));

/**
 * The file as it should be now, from the migrations. With a URL, a fresh database next to it
 * on a real PostgreSQL (the answer is the same; PGlite needs nothing installed).
 * @param {string} [databaseUrl]
 */
export async function generateDatabaseTypes(databaseUrl = process.env.DATABASE_URL) {
	const db = databaseUrl ? await startPostgres({ databaseUrl, fresh: true }) : await startPglite({});
	const client = new pg.Client({ connectionString: db.url });
	try {
		await client.connect();
		const source = renderDatabaseTypes(await readCatalogue(client));
		const options = await prettier.resolveConfig(TYPES_FILE);
		return await prettier.format(source, { ...options, filepath: TYPES_FILE });
	} finally {
		await client.end().catch(() => null);
		await db.stop();
	}
}

/** @returns {string | null} what is committed, or null when there is no file yet */
export function committedDatabaseTypes() {
	try {
		return readFileSync(TYPES_FILE, 'utf8');
	} catch {
		return null;
	}
}

export const STALE_MESSAGE =
	'src/lib/db/database.types.ts does not match supabase/migrations. Run: npm run db:types';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const fresh = await generateDatabaseTypes();
	if (process.argv.includes('--check')) {
		if (committedDatabaseTypes() !== fresh) {
			console.error(STALE_MESSAGE);
			process.exit(1);
		}
		console.log('src/lib/db/database.types.ts is current.');
	} else {
		writeFileSync(TYPES_FILE, fresh);
		console.log('Wrote src/lib/db/database.types.ts');
	}
}
