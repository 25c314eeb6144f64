import type { RequestHandler } from '@sveltejs/kit';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import {
	addSession,
	checkInCode,
	createCohort,
	getCohort,
	learnerLessons,
	listCohorts,
	removeMember,
	rosterForPhone
} from '$lib/server/staff/cohorts';
import { failure } from '$lib/result';

export const prerender = false;

const ROLES = ['trainer', 'org_admin'] as const;

/**
 * `?org=<unit>`: the unit's cohorts the caller runs; `?id=<cohort>`: one cohort with its sessions;
 * `?cohort=<id>`: its roster (written short: src/lib/cohorts/roster-wire.ts); `?cohort=<id>&learner=<id>`:
 * one learner's lesson ticks; `?session=<id>`: the check-in code.
 */
export const GET: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ROLES, (s) => {
		const q = event.url.searchParams;
		if (q.get('id')) return getCohort(s.client, q.get('id'));
		if (q.get('cohort') && q.has('learner'))
			return learnerLessons(s.client, q.get('cohort'), q.get('learner'));
		if (q.get('cohort')) return rosterForPhone(s.client, q.get('cohort'));
		if (q.get('session')) return checkInCode(s.client, q.get('session'));
		return listCohorts(s.client, q.get('org'));
	});

/** `{action: 'create', org, title, course_ids, language, capacity}`, `{action: 'session', cohort, starts_at, ends_at, venue?, online_url?}`, `{action: 'remove', cohort, person}`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ROLES, async (s) => {
		const input = (await body(event)) ?? {};
		if (input.action === 'create') return createCohort(s.client, input);
		if (input.action === 'session') return addSession(s.client, input);
		if (input.action === 'remove') return removeMember(s.client, input);
		return failure('invalid');
	});
