import { failure, ok, type ErrorCode, type Result } from '$lib/result';
import { getSupabase } from '$lib/sync/client';

/**
 * The compliance and enrolment screens' calls: PostgREST RPCs with the signed-in person's own
 * supabase-js session, so every scope check happens in SQL (supabase/migrations/2026120240*).
 * Answers are the one result shape (src/lib/result.ts): a value or an error code the page
 * translates as `compliance:problems.<code>`; nothing throws.
 */

export const STATUSES = [
	'not_started',
	'in_progress',
	'completed',
	'completed_late',
	'recert_due',
	'overdue',
	'expired',
	'exempted'
] as const;
export type Status = (typeof STATUSES)[number];

export interface Unit {
	id: string;
	code: string;
	names: Record<string, string>;
	role: string;
}

export interface RollupRow extends Record<Status, number> {
	org_id: string;
	code: string;
	names: Record<string, string>;
	depth: number;
	has_children: boolean;
}

export interface AssignmentRow {
	id: string;
	code: string;
	title: Record<string, string>;
	course_ids: string[];
	org_code: string;
	due_date: string;
	bps_min: number | null;
	bps_max: number | null;
	recert_months: number | null;
	people: number;
}

export interface PersonRow {
	employee: string;
	assignment_id: string;
	employee_id: string;
	full_name: string;
	unit_code: string;
	unit_names: Record<string, string>;
	bps: number | null;
	designation: string | null;
	assignment_code: string;
	due_date: string;
	status: Status;
	completed_at: string | null;
	valid_until: string | null;
	exempt_reason: string | null;
}

export interface Filters {
	assignment: string | null;
	statuses: Status[] | null;
	bps_min: number | null;
	bps_max: number | null;
	due_from: string | null;
	due_to: string | null;
}

export const noFilters = (): Filters => ({
	assignment: null,
	statuses: null,
	bps_min: null,
	bps_max: null,
	due_from: null,
	due_to: null
});

function problemOf(error: { code?: string; message?: string } | null): ErrorCode {
	if (!error) return 'server';
	if (error.code === '42501') return 'forbidden';
	if (error.code === '22023' && /due date is in the past/.test(error.message ?? '')) return 'past_due';
	if (error.code === '22023' || error.code === '23503' || error.code === '23505' || error.code === '23514')
		return 'invalid';
	if (error.code === 'PGRST301' || error.code === 'PGRST302') return 'sign_in';
	if (/fetch|network/i.test(error.message ?? '')) return 'offline';
	return 'server';
}

async function rpc<T>(fn: string, args: Record<string, unknown> = {}): Promise<Result<T>> {
	const client = getSupabase();
	if (!client) return failure('offline');
	try {
		const { data: session } = await client.auth.getSession();
		if (!session.session) return failure('sign_in');
		// `fn` is one of this tool's SQL functions; the generated types cannot follow a variable.
		const { data, error } = await client.rpc(fn as never, args as never);
		if (error) return failure(problemOf(error));
		return ok(data as T);
	} catch {
		return failure('offline');
	}
}

/** The units where the caller holds a role that lets them see or run compliance. */
export async function myUnits(): Promise<Result<Unit[]>> {
	const client = getSupabase();
	if (!client) return failure('offline');
	try {
		const { data: session } = await client.auth.getSession();
		const me = session.session?.user.id;
		if (!me) return failure('sign_in');
		const { data, error } = await client
			.from('org_roles')
			.select('role, organisations(id, code, names)')
			.eq('user_id', me)
			.in('role', ['org_admin', 'auditor', 'coe_admin']);
		if (error) return failure(problemOf(error));
		const rows = (data ?? []) as unknown as {
			role: string;
			organisations: { id: string; code: string; names: Record<string, string> };
		}[];
		return ok(rows.map((r) => ({ ...r.organisations, role: r.role })));
	} catch {
		return failure('offline');
	}
}

export async function accessToken(): Promise<string | null> {
	const client = getSupabase();
	const { data } = (await client?.auth.getSession()) ?? { data: { session: null } };
	return data.session?.access_token ?? null;
}

const filterArgs = (f: Filters) => ({
	assignment: f.assignment,
	bps_min: f.bps_min,
	bps_max: f.bps_max,
	due_from: f.due_from,
	due_to: f.due_to
});

export const rollup = (unit: string, f: Filters) =>
	rpc<RollupRow[]>('compliance_rollup', { unit, ...filterArgs(f) });

export const people = (unit: string, f: Filters, after?: PersonRow, pageSize = 200) =>
	rpc<PersonRow[]>('compliance_people', {
		unit,
		...filterArgs(f),
		statuses: f.statuses,
		after_employee: after?.employee ?? null,
		after_assignment: after?.assignment_id ?? null,
		page_size: pageSize
	});

export const trend = (unit: string, assignment: string | null) =>
	rpc<{ day: string; assigned: number; exempt: number; valid: number }[]>('compliance_trend', {
		unit,
		assignment,
		days: 180
	});

export const assignmentsFor = (unit: string) => rpc<AssignmentRow[]>('compliance_assignments_for', { unit });

export const previewRule = (org: string, bps_min: number | null, bps_max: number | null) =>
	rpc<number>('preview_compliance_rule', { org, bps_min, bps_max });

export const createAssignment = (input: {
	org: string;
	code: string;
	title: Record<string, string>;
	course_ids: string[];
	due_date: string;
	bps_min: number | null;
	bps_max: number | null;
	recert_months: number | null;
	recert_window_days: number | null;
}) => rpc<string>('create_compliance_assignment', input);

export const setExemption = (assignment: string, person: string, reason: string | null) =>
	rpc<Status>('set_compliance_exemption', { assignment, person, reason });

export interface FilePlan {
	rows: number;
	created: number;
	updated: number;
	unchanged: number;
	assigned: number;
	problems?: FileProblem[];
}
export interface FileProblem {
	line: number;
	code: string;
	value?: string;
	first?: number;
}

export const checkFile = (employer: string, rows: unknown[]) =>
	rpc<FilePlan>('check_employee_file', { employer, rows });
export const applyFile = (employer: string, rows: unknown[]) =>
	rpc<FilePlan>('apply_employee_file', { employer, rows });

/** % compliant = valid completions ÷ (assigned − exempt); null when nobody counts. */
export function percentCompliant(r: Record<Status, number>): number | null {
	const assigned = STATUSES.reduce((sum, s) => sum + Number(r[s] ?? 0), 0);
	const base = assigned - Number(r.exempted ?? 0);
	if (base <= 0) return null;
	// Due for recertification is still a valid completion until it expires.
	return (Number(r.completed) + Number(r.completed_late) + Number(r.recert_due ?? 0)) / base;
}

export const total = (r: Record<Status, number>) => STATUSES.reduce((sum, s) => sum + Number(r[s] ?? 0), 0);
