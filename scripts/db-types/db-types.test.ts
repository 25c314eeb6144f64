import { describe, expect, it } from 'vitest';
import { committedDatabaseTypes, generateDatabaseTypes, STALE_MESSAGE } from './cli.js';

/**
 * The committed src/lib/db/database.types.ts must be what the migrations produce today: a
 * migration merged without `npm run db:types` fails here, and the message says what to run.
 */
describe('generated database types', () => {
	it('match supabase/migrations', { timeout: 120_000 }, async () => {
		const fresh: string = await generateDatabaseTypes();
		expect(fresh).toContain('export type Database = {');
		expect(committedDatabaseTypes() === fresh, STALE_MESSAGE).toBe(true);
	});
});
