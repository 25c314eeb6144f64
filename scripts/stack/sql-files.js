// Applies, in order: the local bootstrap (what the Supabase platform provides), the auth
// stand-in's storage, every migration not yet recorded, and the seed. The same files
// `supabase db push` sends to a hosted project, so local and hosted schemas cannot drift.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackAssessmentSql } from '../assessment-seed.js';
import { catalogueSql, readCatalogue } from '../db-seed.js';

const supabaseDir = fileURLToPath(new URL('../../supabase/', import.meta.url));

/** @param {string} name */
const read = (name) => readFileSync(join(supabaseDir, name), 'utf8');

/** @returns {{ version: string, name: string, sql: string }[]} */
export function migrations() {
	return readdirSync(join(supabaseDir, 'migrations'))
		.filter((f) => /^\d+_.+\.sql$/.test(f))
		.sort()
		.map((file) => {
			const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_');
			return { version, name: rest.join('_'), sql: read(join('migrations', file)) };
		});
}

/** Changes whenever bootstrap, the auth stand-in's SQL or any migration changes. */
export function schemaHash() {
	const hash = createHash('sha256');
	hash.update(read('local/bootstrap.sql')).update(read('local/auth-stand-in.sql'));
	for (const m of migrations()) hash.update(m.version).update(m.sql);
	return hash.digest('hex').slice(0, 16);
}

/**
 * @param {{ exec(sql: string): Promise<unknown>, query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> }} db
 * @returns {Promise<string[]>} versions applied now
 */
export async function applyAll(db) {
	await db.exec(read('local/bootstrap.sql'));
	await db.exec(read('local/auth-stand-in.sql'));
	const done = new Set(
		(await db.query('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version)
	);
	const applied = [];
	for (const m of migrations()) {
		if (done.has(m.version)) continue;
		await db.exec(`begin;\n${m.sql}\n;commit;`);
		await db.query('insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)', [
			m.version,
			m.name
		]);
		applied.push(m.version);
	}
	// Functions created by migrations after the stand-in's grants need them again.
	await db.exec('grant execute on all functions in schema local_auth to service_role;');
	// The catalogue generated from courses/ now (what `npm run db:seed` writes to seed.sql), so
	// the local stack always knows the lessons on disk even before seed.sql is regenerated.
	await db.exec(catalogueSql(readCatalogue(join(supabaseDir, '..', 'courses'))));
	// Final-assessment pools and keys go straight from courses/ into private tables.
	await db.exec(await stackAssessmentSql(join(supabaseDir, '..')));
	// A sample organisation tree (marked is_sample) so staff screens have units to work with.
	await db.exec(`begin;\n${read('local/sample-organisations.sql')}\n;commit;`);
	return applied;
}
