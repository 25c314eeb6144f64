import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SeekhDatabase } from '$lib/db/db';
import {
	nextTicket,
	recordAnswer,
	startAttempt,
	storedTickets,
	submitAttempt,
	usedTicketIds,
	type AttemptTicket,
	type TicketBundle
} from './offline-assessment';

const ticket = (id: string, expires = '2999-01-01T00:00:00Z'): AttemptTicket => ({
	ticket_id: id,
	owner: 'u1',
	course_id: 'cert-sample',
	questions: ['q1', 'q2'],
	expires_at: expires,
	sig: 'ab'.repeat(32),
	content: []
});
const bundle = (tickets: AttemptTicket[]): TicketBundle => ({
	course_id: 'cert-sample',
	title: 'Sample',
	topics: {},
	rules: { pass_mark: 60, draw: 2, attempts: 2, cooldown_hours: 24, requires_demonstration: false },
	passed: false,
	locked_until: null,
	tickets,
	fetchedAt: '2026-11-25T00:00:00Z'
});

describe('offline final assessment', () => {
	it('without a stored ticket there is no attempt', () => {
		expect(nextTicket(null, new Set())).toBeNull();
		expect(nextTicket(bundle([ticket('t1', '2000-01-01T00:00:00Z')]), new Set())).toBeNull();
	});

	it('records the attempt as learner events, waiting for sync, and moves on to an unused ticket', async () => {
		const db = new SeekhDatabase(`offline-assessment-${Math.random()}`);
		await db.meta.put({ key: 'assessment-tickets:cert-sample', value: bundle([ticket('t1'), ticket('t2')]) });
		const stored = await storedTickets('cert-sample', db);
		const first = nextTicket(stored, await usedTicketIds(db))!;
		expect(first.ticket_id).toBe('t1');
		await startAttempt(first, db);
		await recordAnswer(first, 'q1', ['b'], db);
		const submitted = await submitAttempt(first, { q1: ['b'], q2: ['a'], q9: ['c'] }, db);
		// Only drawn questions travel; the server would reject the whole attempt otherwise.
		expect(submitted.payload).toEqual({ ticket_id: 't1', sig: first.sig, answers: { q1: ['b'], q2: ['a'] } });
		const pending = await db.events.where('sync').equals(0).toArray();
		expect(pending.map((e) => e.type)).toEqual([
			'assessment_started',
			'assessment_answered',
			'assessment_submitted'
		]);
		expect(nextTicket(stored, await usedTicketIds(db))?.ticket_id).toBe('t2');
		db.close();
	});
});
