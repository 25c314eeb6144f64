import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import {
	JOIN_CODE,
	normaliseJoinCode,
	type Cohort,
	type CohortPreview,
	type LessonTicks,
	type MyCohort,
	type RosterRow
} from '$lib/cohorts/types';
import { toWire, type RosterWire } from '$lib/cohorts/roster-wire';
import { isUuid, refusal, text } from './sql-errors';

/**
 * Cohorts, for trainers (their cohorts, sessions, roster, check-in code, removing a member) and
 * for learners (preview a code, join, leave, check in). Every call runs as the caller; the SQL
 * functions of 20261202600000_cohorts.sql check who may do what and audit it.
 */
const LANGS = ['en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr'];

/** The cohort refusals that have their own message; everything else as the staff tools map it. */
function cohortRefusal(error: PostgrestError): Result<never> {
	if (error.code === '53400') return failure('cohort_full');
	if (error.hint === 'closed') return failure('check_in_closed');
	if (error.hint === 'bad_code') return failure('code_expired');
	if (error.code === 'P0002') return failure('not_found');
	if (error.code === '42501' && /removed you/.test(error.message)) return failure('removed');
	return refusal(error);
}

export async function listCohorts(client: SupabaseClient, org: unknown): Promise<Result<Cohort[]>> {
	if (!isUuid(org)) return failure('invalid');
	const { data, error } = await client
		.from('cohorts')
		.select(
			'id, title, course_ids, language, capacity, join_code, lead_trainer, created_at, cohort_sessions(id, starts_at, ends_at, venue, online_url)'
		)
		.eq('org_id', org)
		.order('created_at', { ascending: false })
		.order('starts_at', { referencedTable: 'cohort_sessions' })
		.limit(100);
	if (error) return cohortRefusal(error);
	return ok((data ?? []) as Cohort[]);
}

export async function getCohort(client: SupabaseClient, id: unknown): Promise<Result<Cohort>> {
	if (!isUuid(id)) return failure('invalid');
	const { data, error } = await client
		.from('cohorts')
		.select(
			'id, title, course_ids, language, capacity, join_code, lead_trainer, created_at, cohort_sessions(id, starts_at, ends_at, venue, online_url)'
		)
		.eq('id', id)
		.order('starts_at', { referencedTable: 'cohort_sessions' })
		.maybeSingle();
	if (error) return cohortRefusal(error);
	return data ? ok(data as Cohort) : failure('not_found');
}

export async function createCohort(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ id: string; join_code: string }>> {
	const title = text(input.title, 200);
	const capacity = Number(input.capacity);
	const courses = Array.isArray(input.course_ids)
		? input.course_ids.filter((c): c is string => typeof c === 'string')
		: [];
	if (!isUuid(input.org) || !title || !Number.isInteger(capacity) || capacity < 1 || capacity > 1000)
		return failure('invalid');
	if (typeof input.language !== 'string' || !LANGS.includes(input.language)) return failure('invalid');
	const { data, error } = await client.rpc('create_cohort', {
		org: input.org,
		title,
		course_ids: courses,
		language: input.language,
		capacity
	});
	if (error) return cohortRefusal(error);
	return ok(data as { id: string; join_code: string });
}

export async function addSession(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ id: string }>> {
	const starts = typeof input.starts_at === 'string' ? new Date(input.starts_at) : null;
	const ends = typeof input.ends_at === 'string' ? new Date(input.ends_at) : null;
	if (!isUuid(input.cohort) || !starts || !ends || isNaN(+starts) || isNaN(+ends)) return failure('invalid');
	const { data, error } = await client.rpc('add_cohort_session', {
		cohort: input.cohort,
		starts_at: starts.toISOString(),
		ends_at: ends.toISOString(),
		venue: text(input.venue, 300),
		online_url: text(input.online_url, 500)
	});
	if (error) return cohortRefusal(error);
	return ok({ id: data as string });
}

export async function roster(client: SupabaseClient, cohort: unknown): Promise<Result<RosterRow[]>> {
	if (!isUuid(cohort)) return failure('invalid');
	const { data, error } = await client.rpc('cohort_roster', { cohort });
	if (error) return cohortRefusal(error);
	return ok((data ?? []) as RosterRow[]);
}

/** The roster as the phone gets it: the same rows, written short (src/lib/cohorts/roster-wire.ts). */
export async function rosterForPhone(client: SupabaseClient, cohort: unknown): Promise<Result<RosterWire>> {
	const rows = await roster(client, cohort);
	return rows.ok ? ok(toWire(rows.value)) : rows;
}

/**
 * One learner's lesson ticks per course of the cohort, when the trainer opens them in the
 * roster. The SQL applies the roster's rule (runs the cohort, current member, shares progress):
 * anyone else's ticks come back empty.
 */
export async function learnerLessons(
	client: SupabaseClient,
	cohort: unknown,
	learner: unknown
): Promise<Result<Record<string, LessonTicks>>> {
	if (!isUuid(cohort) || !isUuid(learner)) return failure('invalid');
	const { data, error } = await client.rpc('cohort_learner_lessons', { cohort, learner });
	if (error) return cohortRefusal(error);
	return ok((data ?? {}) as Record<string, LessonTicks>);
}

export async function removeMember(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ removed: string }>> {
	if (!isUuid(input.cohort) || !isUuid(input.person)) return failure('invalid');
	const { error } = await client.rpc('remove_cohort_member', { cohort: input.cohort, person: input.person });
	return error ? cohortRefusal(error) : ok({ removed: input.person });
}

export async function checkInCode(
	client: SupabaseClient,
	session: unknown
): Promise<Result<{ code: string; open: boolean; turns_at: string }>> {
	if (!isUuid(session)) return failure('invalid');
	const { data, error } = await client.rpc('current_check_in_code', { session });
	return error ? cohortRefusal(error) : ok(data as { code: string; open: boolean; turns_at: string });
}

// ---------------------------------------------------------------- the learner's side
export async function myCohorts(client: SupabaseClient): Promise<Result<MyCohort[]>> {
	const { data, error } = await client.rpc('my_cohorts');
	return error ? cohortRefusal(error) : ok((data ?? []) as MyCohort[]);
}

export async function previewCohort(client: SupabaseClient, code: unknown): Promise<Result<CohortPreview>> {
	const typed = typeof code === 'string' ? normaliseJoinCode(code) : '';
	if (!JOIN_CODE.test(typed)) return failure('invalid');
	const { data, error } = await client.rpc('cohort_by_code', { code: typed });
	if (error) return cohortRefusal(error);
	return data ? ok(data as CohortPreview) : failure('not_found');
}

export async function joinCohort(
	client: SupabaseClient,
	code: unknown
): Promise<Result<{ cohort_id: string; title: string; already: boolean }>> {
	const typed = typeof code === 'string' ? normaliseJoinCode(code) : '';
	if (!JOIN_CODE.test(typed)) return failure('invalid');
	const { data, error } = await client.rpc('join_cohort', { code: typed });
	return error ? cohortRefusal(error) : ok(data as { cohort_id: string; title: string; already: boolean });
}

export async function leaveCohort(
	client: SupabaseClient,
	cohort: unknown
): Promise<Result<{ left: string }>> {
	if (!isUuid(cohort)) return failure('invalid');
	const { error } = await client.rpc('leave_cohort', { cohort });
	return error ? cohortRefusal(error) : ok({ left: cohort });
}

export async function checkIn(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ status: string }>> {
	if (!isUuid(input.session) || typeof input.code !== 'string' || !/^\d{6}$/.test(input.code.trim()))
		return failure('invalid');
	const { data, error } = await client.rpc('check_in', { session: input.session, code: input.code.trim() });
	return error ? cohortRefusal(error) : ok(data as { status: string });
}
