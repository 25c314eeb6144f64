import { describe, expect, it } from 'vitest';
import {
	MAX_ATTEMPTS,
	MAX_RETRY_AFTER_SECONDS,
	nextDelaySeconds,
	retryDelaySeconds,
	schedule
} from './schedule.js';
import { uuidv5 } from './uuid5.js';
import { webhookBody, webhookId } from './webhook.js';
import { retryAfterSeconds, statementFor } from './xapi.js';
import { validateStatement } from './xapi-rules.js';

// Parsed JSON under test: its shape is exactly what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const HOUR = 3600;

describe('retry schedule', () => {
	it('grows exponentially, caps at 12 hours, and spans about 3 days before giving up', () => {
		const gaps = schedule();
		expect(gaps).toHaveLength(MAX_ATTEMPTS - 1);
		expect(gaps.slice(0, 4)).toEqual([30, 120, 480, 1920]);
		for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]!);
		expect(Math.max(...gaps)).toBe(12 * HOUR);
		const span = gaps.reduce((a, b) => a + b, 0);
		expect(span).toBeGreaterThan(66 * HOUR);
		expect(span).toBeLessThan(78 * HOUR);
		expect(retryDelaySeconds(MAX_ATTEMPTS)).toBeNull();
		expect(retryDelaySeconds(MAX_ATTEMPTS + 5)).toBeNull();
	});
});

describe("the receiver's Retry-After", () => {
	const answer = (status: number, value?: string) =>
		new Response(null, { status, headers: value === undefined ? {} : { 'retry-after': value } });
	it('is read on 429 and 503 only, as seconds or an HTTP date', () => {
		const now = new Date('2026-12-03T00:00:00Z');
		expect(retryAfterSeconds(answer(429, '120'), now)).toBe(120);
		expect(retryAfterSeconds(answer(503, 'Thu, 03 Dec 2026 02:00:00 GMT'), now)).toBe(2 * HOUR);
		expect(retryAfterSeconds(answer(500, '120'), now)).toBeNull();
		expect(retryAfterSeconds(answer(429), now)).toBeNull();
		expect(retryAfterSeconds(answer(429, 'soon'), now)).toBeNull();
	});
	it('waits at least that long, never less than the schedule, at most a day, and still gives up', () => {
		expect(nextDelaySeconds(1, null)).toBe(30);
		expect(nextDelaySeconds(1, 7200)).toBe(7200);
		expect(nextDelaySeconds(5, 10)).toBe(retryDelaySeconds(5));
		expect(nextDelaySeconds(1, 30 * 24 * HOUR)).toBe(MAX_RETRY_AFTER_SECONDS);
		expect(nextDelaySeconds(MAX_ATTEMPTS, 60)).toBeNull();
	});
});

describe('ids', () => {
	it('makes RFC 9562 v5 UUIDs (the DNS example from the RFC) and stable webhook ids', () => {
		expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
			'2ed6657d-e927-568b-95e1-2665a8aea6a2'
		);
		expect(webhookId('0192f0c4-6b1e-7a2b-9c3d-4e5f60718293')).toBe('msg_0192f0c46b1e7a2b9c3d4e5f60718293');
	});
});

const fact = (event_type: string, data: Record<string, unknown>) => ({
	id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
	event_type,
	source_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718294',
	occurred_at: '2026-12-02T10:00:00.123+00:00',
	data: { learner: { id: 'DS-00017', idType: 'partner' }, course: { id: 'ai-public-servants' }, ...data }
});

describe('xAPI statements', () => {
	it('are valid xAPI 1.0.3 for every kind Seekh sends, with deterministic ids', () => {
		const made: Json[] = [
			statementFor(fact('lesson.completed', { lesson: { id: 'what-is-ai' } }), 'https://seekh.test/'),
			statementFor(fact('assessment.passed', { score: 80 }), 'https://seekh.test'),
			statementFor(fact('assessment.failed', { score: 40 }), 'https://seekh.test'),
			statementFor(
				fact('certificate.earned', { certificate: { code: 'ABCDEFGH12345678' } }),
				'https://seekh.test'
			)
		];
		for (const s of made) expect(validateStatement(s)).toEqual([]);
		expect(made[1]!.result).toMatchObject({
			success: true,
			score: { scaled: 0.8, raw: 80, min: 0, max: 100 }
		});
		expect(made[0]!.id).toBe(
			statementFor(fact('lesson.completed', { lesson: { id: 'what-is-ai' } }), 'https://seekh.test').id
		);
		expect(new Set(made.map((s) => s.id)).size).toBe(4);
		expect(made[0]!.actor).toEqual({
			objectType: 'Agent',
			account: { homePage: 'https://seekh.test', name: 'DS-00017' }
		});
	});

	it('the validator catches what an LRS would reject', () => {
		const good = statementFor(fact('assessment.passed', { score: 80 }), 'https://seekh.test') as Json;
		const bad = (change: (s: Json) => void) => {
			const s = structuredClone(good);
			change(s);
			return validateStatement(s);
		};
		expect(bad((s) => (s.id = 'not-a-uuid'))).toContain('id: must be a UUID');
		expect(bad((s) => (s.actor = { mbox: 'mailto:a@b.pk' }))).toContain(
			'actor: must be identified by account'
		);
		expect(bad((s) => (s.actor.mbox = 'mailto:a@b.pk'))).toContain(
			'actor: exactly one inverse functional identifier'
		);
		expect(bad((s) => (s.verb.id = 'passed'))).toContain('verb.id: must be an IRI');
		expect(bad((s) => delete s.verb.display)).toContain('verb.display: required by Seekh');
		expect(bad((s) => (s.object.id = 'course 1'))).toContain('object.id: must be an IRI');
		expect(bad((s) => (s.result.score.scaled = 1.5))).toContain(
			'result.score.scaled: must be between -1 and 1'
		);
		expect(bad((s) => (s.result.score.raw = 101))).toContain('result.score.raw: above max');
		expect(bad((s) => (s.result.success = 'yes'))).toContain('result.success: must be a boolean');
		expect(bad((s) => (s.timestamp = '2026-12-02 10:00'))).toContain(
			'timestamp: must be ISO 8601 with a time zone'
		);
		expect(bad((s) => (s.extra = 1))).toContain('statement: unknown property extra');
	});
});

describe('webhook body', () => {
	it('is type, timestamp and data', () => {
		expect(JSON.parse(webhookBody(fact('learner.completed', {})))).toEqual({
			type: 'learner.completed',
			timestamp: '2026-12-02T10:00:00.123Z',
			data: { learner: { id: 'DS-00017', idType: 'partner' }, course: { id: 'ai-public-servants' } }
		});
	});
});
