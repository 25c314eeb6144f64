import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueSql, readCatalogue } from '../db-seed.js';
import { createAuthHandler } from './auth-server.js';
import { migrations } from './sql-files.js';

describe('the local auth stand-in', () => {
	it('refuses to start in production', () => {
		const before = process.env.NODE_ENV;
		process.env.NODE_ENV = 'production';
		try {
			expect(() => createAuthHandler({ store: {} as never, jwtSecret: 'x', issuer: 'x' })).toThrow(
				/production/
			);
		} finally {
			process.env.NODE_ENV = before;
		}
	});
});

describe('db:seed', () => {
	it('writes idempotent upserts for every course and lesson, in order', () => {
		const sql = catalogueSql([
			{ id: 'ai-x', programme: 'skills', assessment: 'final', lessons: ['one', 'two'] },
			{ id: 'ai-y', programme: 'awareness', assessment: 'practice', lessons: [] }
		]);
		expect(sql).toContain("('ai-x', 'skills', 'final', 2)");
		expect(sql).toContain("('ai-x', 'two', 2)");
		expect(sql).toContain('on conflict (id) do update');
		expect(sql).toContain('on conflict (course_id, id) do update');
		expect(catalogueSql([])).not.toContain('insert');
	});

	// The first read loads the compiler through Vite's module runner: seconds on a busy machine.
	it(
		'is up to date in supabase/seed.sql (run `npm run db:seed` after changing courses)',
		{ timeout: 60_000 },
		async () => {
			const root = new URL('../../', import.meta.url).pathname;
			const expected = catalogueSql(await readCatalogue(`${root}courses`));
			expect(readFileSync(`${root}supabase/seed.sql`, 'utf8')).toBe(expected);
		}
	);

	it('reads the real course tree (ids are kebab-case, lessons listed)', async () => {
		const courses = await readCatalogue(new URL('../../courses', import.meta.url).pathname);
		for (const c of courses) expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(Array.isArray(courses)).toBe(true);
	});
});

describe('migrations', () => {
	it('are ordered by timestamp and never touch what the platform provides', () => {
		const list = migrations();
		expect(list.map((m) => m.version)).toEqual([...list.map((m) => m.version)].sort());
		for (const m of list) expect(m.sql).not.toMatch(/create (table|schema)\s+(if not exists\s+)?auth\b/i);
	});
});
