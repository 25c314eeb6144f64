import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { inject } from 'vitest';
import { SeekhDatabase } from '$lib/db/db';
import { loadIdentity } from '$lib/db/identity';
import { adoptIntoAccount } from '$lib/db/adopt';
import { makeClient } from '$lib/sync/client';
import { memoryStorage } from '$lib/sync/memory-storage';
import { SyncEngine, type EngineOptions } from '$lib/sync/engine';
import { supabaseBackend } from '$lib/sync/supabase-backend';
import type { StackInfo } from './global-setup';

export { TEST_COURSE } from './global-setup';

/** The stacks the global setup started: PGlite, plus real PostgreSQL with TEST_DATABASE_URL. */
export function stacks(): StackInfo[] {
	return inject('stacks');
}

let counter = 0;
const unique = () =>
	`${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A supabase-js client configured exactly as the app's, with ws for realtime on Node. */
export function client(stack: StackInfo, url = stack.url, fetchImpl?: typeof fetch): SupabaseClient {
	return makeClient(
		{ url, anonKey: stack.anonKey },
		{ storage: memoryStorage(), realtimeTransport: WebSocket, fetch: fetchImpl, storageKey: `t-${unique()}` }
	);
}

export interface Learner {
	client: SupabaseClient;
	id: string;
	email: string;
	password: string;
}

/** Signs up a new learner with email and password. */
export async function newLearner(stack: StackInfo, url?: string, fetchImpl?: typeof fetch): Promise<Learner> {
	const c = client(stack, url, fetchImpl);
	const email = `learner-${unique()}@example.test`;
	const password = 'correct horse battery';
	const { data, error } = await c.auth.signUp({ email, password });
	if (error || !data.user) throw error ?? new Error('no user');
	return { client: c, id: data.user.id, email, password };
}

/**
 * A learner who also proved their email with a one-time code, as the final-assessment page
 * makes them do (issue 10): only such accounts get tickets, grading and certificates.
 */
export async function newVerifiedLearner(stack: StackInfo): Promise<Learner> {
	const learner = await newLearner(stack);
	const c = learner.client;
	const email = learner.email;
	const sent = await c.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
	if (sent.error) throw sent.error;
	const verified = await c.auth.verifyOtp({ email, token: otpFor(stack, email), type: 'email' });
	if (verified.error) throw verified.error;
	const recorded = await c.rpc('record_verified_contact', { kind: 'email' });
	if (recorded.error) throw new Error(recorded.error.message);
	return learner;
}

/** Signs the same learner in on another client (another device). */
export async function signInAgain(
	stack: StackInfo,
	learner: Learner,
	url?: string,
	fetchImpl?: typeof fetch
) {
	const c = client(stack, url, fetchImpl);
	const { error } = await c.auth.signInWithPassword({ email: learner.email, password: learner.password });
	if (error) throw error;
	return c;
}

/** A device: its own IndexedDB (fake-indexeddb), identity and, once signed in, adopted owner. */
export async function newDevice(signedInAs?: string) {
	const db = new SeekhDatabase(`device-${unique()}`);
	const identity = await loadIdentity(db);
	if (signedInAs) await adoptIntoAccount(db, signedInAs);
	return { db, identity };
}

export function engine(db: SeekhDatabase, c: SupabaseClient, options?: EngineOptions) {
	return new SyncEngine(db, supabaseBackend(c, 5_000), options);
}

/** The one-time code the auth stand-in "sent" to `target`. */
export function otpFor(stack: StackInfo, target: string): string {
	return readFileSync(join(stack.otpDir, target), 'utf8');
}

/** Server-side rows through PostgREST with the service key (bypasses RLS), for assertions. */
export async function serviceSelect<T = Record<string, unknown>>(
	stack: StackInfo,
	path: string
): Promise<T[]> {
	// PostgREST stops at max_rows (1,000, as on hosted Supabase): read page by page.
	const rows: T[] = [];
	for (let offset = 0; ; offset += 1000) {
		const sep = path.includes('?') ? '&' : '?';
		const res = await fetch(`${stack.url}/rest/v1/${path}${sep}limit=1000&offset=${offset}`, {
			headers: { apikey: stack.serviceKey, authorization: `Bearer ${stack.serviceKey}` }
		});
		if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
		const page = (await res.json()) as T[];
		rows.push(...page);
		if (page.length < 1000) return rows;
	}
}
