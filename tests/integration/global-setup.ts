import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack/stack.js';

/**
 * Starts the embedded stack once for the integration suite: PGlite always, and a second one on
 * a real PostgreSQL (a fresh database) when TEST_DATABASE_URL is set. Tests run against each.
 * One-time codes the auth stand-in "sends" are written to files the tests can read.
 */
export interface StackInfo {
	name: 'pglite' | 'postgres';
	url: string;
	anonKey: string;
	serviceKey: string;
	otpDir: string;
	/** The stack's own PostgreSQL database (a fresh one per run); unset on PGlite. */
	databaseUrl?: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		stacks: StackInfo[];
	}
}

export const TEST_COURSE = { id: 'sync-test-course', lessons: ['l1', 'l2', 'l3', 'l4', 'l5'] };

export default async function setup(project: TestProject) {
	// Tests may make throw-away certificate signing keys (never set outside dev and tests).
	process.env.SEEKH_DEV_KEYS = '1';
	// Real answer keys are sealed; the stacks seed made-up keys for real pools (assessment-seed.js).
	process.env.SEEKH_TEST_STAND_IN_KEYS = '1';
	const otpDir = mkdtempSync(join(tmpdir(), 'seekh-otp-'));
	const onOtp = (target: string, code: string) => writeFileSync(join(otpDir, target), code);
	const quiet = () => {};
	const started = [await startStack({ onOtp, log: quiet })];
	if (process.env.TEST_DATABASE_URL)
		started.push(await startStack({ databaseUrl: process.env.TEST_DATABASE_URL, onOtp, log: quiet }));
	for (const stack of started) await addTestCourse(stack.url, stack.serviceKey);
	project.provide(
		'stacks',
		started.map((s) => ({
			name: s.db,
			url: s.url,
			anonKey: s.anonKey,
			serviceKey: s.serviceKey,
			otpDir,
			databaseUrl: s.db === 'postgres' ? s.dbUrl : undefined
		}))
	);
	return async () => {
		for (const stack of started) await stack.stop();
		rmSync(otpDir, { recursive: true, force: true });
	};
}

/** A course the tests own, so they do not depend on the real content under courses/. */
async function addTestCourse(url: string, serviceKey: string) {
	const headers = {
		apikey: serviceKey,
		authorization: `Bearer ${serviceKey}`,
		'content-type': 'application/json',
		prefer: 'resolution=merge-duplicates'
	};
	const post = async (table: string, rows: unknown[]) => {
		const res = await fetch(`${url}/rest/v1/${table}`, {
			method: 'POST',
			headers,
			body: JSON.stringify(rows)
		});
		if (!res.ok) throw new Error(`seeding ${table}: ${res.status} ${await res.text()}`);
	};
	await post('courses', [
		{
			id: TEST_COURSE.id,
			programme: 'awareness',
			assessment: 'practice',
			lesson_count: TEST_COURSE.lessons.length
		}
	]);
	await post(
		'lessons',
		TEST_COURSE.lessons.map((id, i) => ({ course_id: TEST_COURSE.id, id, position: i + 1 }))
	);
}
