import type { SupabaseClient } from '@supabase/supabase-js';
import type { SeekhDatabase } from '$lib/db/db';

/**
 * The learner's rights on the account page: a copy of everything kept about them (JSON and
 * CSV), and deleting the account. The copy is read as the learner (RLS: only their own rows),
 * plus what this device holds that has not reached the server yet.
 */
export interface MyData {
	exported_at: string;
	account: { id: string; email: string | null; phone: string | null };
	profile: Record<string, unknown> | null;
	events: Record<string, unknown>[];
	/** Recorded on this device and not yet synced (or refused by the server). */
	device_events: Record<string, unknown>[];
	results: Record<string, unknown>[];
	certificates: Record<string, unknown>[];
	/**
	 * What institutions keep about the learner: units they belong to, cohorts and attendance,
	 * an employer's HR record they claimed, and partners' enrolments (with the contact the
	 * partner sent). Each is the learner's own rows, as RLS lets them read.
	 */
	enrolments: {
		units: Record<string, unknown>[];
		cohorts: Record<string, unknown>[];
		attendance: Record<string, unknown>[];
		employer_records: Record<string, unknown>[];
		partner_enrolments: Record<string, unknown>[];
	};
}

const PAGE = 1000;

async function allRows(
	client: SupabaseClient,
	table: string,
	ownerColumn: string,
	owner: string,
	order: string,
	columns = '*'
): Promise<Record<string, unknown>[]> {
	const rows: Record<string, unknown>[] = [];
	for (let from = 0; ; from += PAGE) {
		const { data, error } = await client
			.from(table)
			.select(columns)
			.eq(ownerColumn, owner)
			.order(order)
			.range(from, from + PAGE - 1);
		if (error) throw new Error(`${table}: ${error.message}`);
		rows.push(...(data as unknown as Record<string, unknown>[]));
		if (data.length < PAGE) return rows;
	}
}

export async function collectMyData(client: SupabaseClient, db: SeekhDatabase): Promise<MyData> {
	const { data: auth, error } = await client.auth.getUser();
	if (error || !auth.user) throw new Error('not signed in');
	const id = auth.user.id;
	const profile = await client.from('profiles').select('*').eq('id', id).maybeSingle();
	if (profile.error) throw new Error(`profiles: ${profile.error.message}`);
	const [events, results, certificates, local] = await Promise.all([
		allRows(client, 'learner_events', 'owner', id, 'seq'),
		// Learners read results without scores (docs/certification.md: a score leaks the key).
		allRows(
			client,
			'assessment_results',
			'owner',
			id,
			'graded_at',
			'event_id, owner, course_id, ticket_id, status, reason, pass_mark, revise_topics, graded_at'
		),
		allRows(client, 'certificates', 'owner', id, 'issued_at'),
		db.events.where('sync').anyOf(0, 2).toArray()
	]);
	const [units, cohorts, attendance, employerRecords, partnerEnrolments] = await Promise.all([
		allRows(
			client,
			'organisation_members',
			'user_id',
			id,
			'added_at',
			'org_id, added_at, organisations(code, names)'
		),
		allRows(
			client,
			'cohort_members',
			'user_id',
			id,
			'joined_at',
			'cohort_id, joined_at, left_at, cohorts(title)'
		),
		allRows(client, 'cohort_attendance', 'learner', id, 'session_id', 'session_id, status, source'),
		allRows(
			client,
			'employees',
			'user_id',
			id,
			'id',
			'employee_id, full_name, email, mobile, bps, designation, organisations!employees_org_id_fkey(code)'
		),
		allRows(
			client,
			'partner_enrolments',
			'user_id',
			id,
			'sourced_id',
			'sourced_id, given_name, family_name, email, mobile, courses, status, claimed_at, partner:organisations!partner_enrolments_partner_id_fkey(code)'
		)
	]);
	return {
		exported_at: new Date().toISOString(),
		account: { id, email: auth.user.email || null, phone: auth.user.phone || null },
		profile: (profile.data as Record<string, unknown> | null) ?? null,
		events,
		device_events: local.filter((e) => e.owner === id) as unknown as Record<string, unknown>[],
		results,
		certificates,
		enrolments: {
			units,
			cohorts,
			attendance,
			employer_records: employerRecords,
			partner_enrolments: partnerEnrolments
		}
	};
}

/**
 * One CSV for every kind of record, in long form (section, row, field, value): lossless for
 * nested values (JSON in the cell) and opens in any spreadsheet.
 */
export function myDataRows(data: MyData): string[][] {
	const rows: string[][] = [['section', 'row', 'field', 'value']];
	const cell = (value: unknown) =>
		value === null || value === undefined
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	const add = (section: string, index: number, record: Record<string, unknown>) => {
		for (const [field, value] of Object.entries(record))
			rows.push([section, String(index + 1), field, cell(value)]);
	};
	add('account', 0, { ...data.account, exported_at: data.exported_at });
	if (data.profile) add('profile', 0, data.profile);
	data.events.forEach((r, i) => add('events', i, r));
	data.device_events.forEach((r, i) => add('device_events', i, r));
	data.results.forEach((r, i) => add('results', i, r));
	data.certificates.forEach((r, i) => add('certificates', i, r));
	for (const [section, records] of Object.entries(data.enrolments))
		records.forEach((r, i) => add(section, i, r));
	return rows;
}

export async function myDataCsv(data: MyData): Promise<string> {
	const { default: Papa } = await import('papaparse');
	// A byte-order mark so spreadsheet programs read Urdu and Sindhi text as UTF-8.
	return '\uFEFF' + Papa.unparse(myDataRows(data), { newline: '\r\n' });
}

export type DeleteProblem = 'sign_in' | 'offline' | 'server';

/**
 * Deletes the account on the server (POST /api/account/delete with the learner's token), then
 * everything this device holds: the session and the whole Dexie database.
 */
export async function deleteMyAccount(
	client: SupabaseClient,
	db: SeekhDatabase,
	fetcher: typeof fetch = fetch
): Promise<DeleteProblem | null> {
	const { data } = await client.auth.getSession();
	const token = data.session?.access_token;
	if (!token) return 'sign_in';
	let response: Response;
	try {
		response = await fetcher('/api/account/delete', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` }
		});
	} catch {
		return 'offline';
	}
	if (response.status === 401) return 'sign_in';
	if (!response.ok) return 'server';
	// The user no longer exists on the server: forget the session here only.
	await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
	await db.delete();
	return null;
}
