/**
 * `npm run bench:sync`: events per second end to end (encode → supabase-js → gateway →
 * PostgREST → sync_push in Postgres) and gzip bytes on the wire per event, for PGlite and —
 * when TEST_DATABASE_URL is set (scripts/ci-services.sh prints one) — real PostgreSQL.
 * Runs as a vitest project so it uses the app's real TypeScript modules.
 */
import pg from 'pg';
import WebSocket from 'ws';
import { expect, it } from 'vitest';
import { createEvent, type LearnerEvent, type NewEvent } from '$lib/events/learner-event';
import { uuidv7 } from '$lib/events/uuidv7';
import { makeClient } from '$lib/sync/client';
import { memoryStorage } from '$lib/sync/memory-storage';
import { supabaseBackend } from '$lib/sync/supabase-backend';
import { encodeBatch } from '$lib/sync/wire';
import { startStack, type Stack } from './stack/stack.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
/**
 * BENCH_TALLY_ROUNDS=n: also time pushes with the quiz-tally trigger on and off (migration
 * 20261206000100, kept cheap by 20261207000100), alternately, n rounds of 4 clients each on
 * real PostgreSQL, so the two are compared at the same machine load.
 */
const TALLY_ROUNDS = Number(process.env.BENCH_TALLY_ROUNDS ?? 0);
const BATCH = 500;
const COURSE = { id: 'bench-course', lessons: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'] };

interface Figures {
	backend: string;
	clients: number;
	events: number;
	seconds: number;
	perSecond: number;
	wireBytesPerEvent: number;
	jsonBytesPerEvent: number;
}

function countingFetch(totals: { bytes: number }): typeof fetch {
	return async (input, init) => {
		const body = init?.body;
		if (typeof body === 'string') totals.bytes += Buffer.byteLength(body);
		else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) totals.bytes += body.byteLength;
		const res = await fetch(input, init);
		totals.bytes += Number(res.headers.get('content-length') ?? 0);
		return res;
	};
}

/** A learner's mix: mostly quiz answers, some lesson and quiz completions, a setting. */
function learnerEvents(owner: string, n: number): LearnerEvent[] {
	const device_id = uuidv7();
	const events: LearnerEvent[] = [];
	for (let i = 0; i < n; i++) {
		const lesson_id = COURSE.lessons[Math.floor(i / 40) % COURSE.lessons.length];
		const kind = i % 20;
		const input: NewEvent =
			kind === 0
				? { type: 'lesson_opened', course_id: COURSE.id, lesson_id }
				: kind === 19
					? { type: 'quiz_completed', course_id: COURSE.id, lesson_id, payload: { score: (i * 7) % 101 } }
					: {
							type: 'quiz_answered',
							course_id: COURSE.id,
							lesson_id,
							payload: { question: `q${kind}`, chosen: [`o${i % 4}`], correct: i % 3 !== 0 }
						};
		events.push(createEvent(input, { owner, device_id }, new Date(Date.now() + i * 1500)));
	}
	return events;
}

async function addCourse(stack: Stack) {
	const headers = {
		apikey: stack.serviceKey,
		authorization: `Bearer ${stack.serviceKey}`,
		'content-type': 'application/json',
		prefer: 'resolution=merge-duplicates'
	};
	await fetch(`${stack.url}/rest/v1/courses`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ id: COURSE.id, programme: 'skills', assessment: 'practice', lesson_count: 6 })
	});
	await fetch(`${stack.url}/rest/v1/lessons`, {
		method: 'POST',
		headers,
		body: JSON.stringify(COURSE.lessons.map((id, i) => ({ course_id: COURSE.id, id, position: i + 1 })))
	});
}

async function run(stack: Stack, clients: number): Promise<Figures> {
	const totals = { bytes: 0 };
	let jsonBytes = 0;
	const learners = await Promise.all(
		Array.from({ length: clients }, async (_, i) => {
			const client = makeClient(
				{ url: stack.url, anonKey: stack.anonKey },
				{
					storage: memoryStorage(),
					storageKey: `bench-${clients}-${i}`,
					realtimeTransport: WebSocket,
					fetch: countingFetch(totals)
				}
			);
			const { data, error } = await client.auth.signUp({
				email: `bench-${Date.now()}-${clients}-${i}@example.test`,
				password: 'bench-password'
			});
			if (error || !data.user) throw error ?? new Error('sign-up failed');
			return { client, id: data.user.id };
		})
	);
	const perClient = Math.floor(EVENTS / clients);
	const work = learners.map((l) => {
		const events = learnerEvents(l.id, perClient);
		const batches: LearnerEvent[][] = [];
		for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
		return { backend: supabaseBackend(l.client, 120_000), owner: l.id, batches };
	});
	totals.bytes = 0;
	const started = performance.now();
	await Promise.all(
		work.map(async (w) => {
			for (const batch of w.batches) {
				const wire = encodeBatch(w.owner, batch);
				jsonBytes += JSON.stringify({ events: wire }).length;
				const result = await w.backend.push(wire);
				if (result.accepted.length !== batch.length)
					throw new Error(`rejected: ${JSON.stringify(result.rejected[0])}`);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const events = perClient * clients;
	return {
		backend: stack.db,
		clients,
		events,
		seconds: Math.round(seconds * 100) / 100,
		perSecond: Math.round(events / seconds),
		wireBytesPerEvent: Math.round((totals.bytes / events) * 10) / 10,
		jsonBytesPerEvent: Math.round((jsonBytes / events) * 10) / 10
	};
}

it(
	'measures sync throughput and bytes per event',
	async () => {
		const figures: Figures[] = [];
		const targets: { name: string; options: Parameters<typeof startStack>[0] }[] = [
			{ name: 'pglite', options: {} }
		];
		if (process.env.TEST_DATABASE_URL)
			targets.push({ name: 'postgres', options: { databaseUrl: process.env.TEST_DATABASE_URL } });
		else
			console.log('Real PostgreSQL skipped: set TEST_DATABASE_URL (eval "$(bash scripts/ci-services.sh)").');
		const tally: { round: number; trigger: string; seconds: number; perSecond: number }[] = [];
		for (const target of targets) {
			const stack = await startStack({ ...target.options, log: () => {} });
			try {
				await addCourse(stack);
				figures.push(await run(stack, 1));
				figures.push(await run(stack, 4));
				if (TALLY_ROUNDS > 0 && stack.db === 'postgres') {
					const db = new pg.Client({ connectionString: stack.dbUrl });
					await db.connect();
					try {
						for (let round = 1; round <= TALLY_ROUNDS; round++)
							for (const on of round % 2 ? [true, false] : [false, true]) {
								await db.query(
									`alter table public.learner_events ${on ? 'enable' : 'disable'} trigger tally_quiz_results`
								);
								const got = await run(stack, 4);
								tally.push({
									round,
									trigger: on ? 'on' : 'off',
									seconds: got.seconds,
									perSecond: got.perSecond
								});
							}
					} finally {
						await db.query('alter table public.learner_events enable trigger tally_quiz_results');
						await db.end();
					}
				}
			} finally {
				await stack.stop();
			}
		}
		if (tally.length) {
			console.log('\nQuiz-tally trigger on and off, alternately (PostgreSQL, 4 clients):');
			console.table(tally);
			for (const state of ['on', 'off']) {
				const xs = tally.filter((x) => x.trigger === state).map((x) => x.perSecond);
				const sorted = [...xs].sort((a, b) => a - b);
				console.log(
					`trigger ${state}: events/s median ${sorted[Math.floor(sorted.length / 2)]} (n=${xs.length})`
				);
			}
		}
		console.log(
			`\nsync_push, ${BATCH} events per call, gzip request bodies and responses (HTTP headers not counted):`
		);
		console.table(figures);
		expect(figures.length).toBeGreaterThan(0);
	},
	600_000 + TALLY_ROUNDS * 600_000
);
