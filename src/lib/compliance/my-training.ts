import type { SupabaseClient } from '@supabase/supabase-js';
import { recordPendingProof } from '$lib/account/proof';

/**
 * The learner's mandatory training, fetched when online and kept in localStorage so the home
 * page shows the last known list offline. Claiming (linking the HR record) is tried on the way,
 * since the person may have just signed in with the email or mobile HR has on file.
 */
export interface MandatoryItem {
	assignment_id: string;
	title: Record<string, string>;
	course_ids: string[];
	assigned_by: Record<string, string>;
	due_date: string;
	status: string;
	completed_at: string | null;
	valid_until: string | null;
	exempt_reason: string | null;
}
export interface TeamItem {
	employee_id: string;
	full_name: string;
	designation: string | null;
	assignment_code: string;
	title: Record<string, string>;
	due_date: string;
	status: string;
}
export interface Notice {
	id: number;
	kind: 'due_soon' | 'overdue' | 'report_overdue' | 'expiring';
	assignment_id: string;
	about_name: string | null;
	days: number | null;
	due_date: string | null;
	created_at: string;
}
export interface MyTraining {
	owner: string;
	items: MandatoryItem[];
	team: TeamItem[];
	notices: Notice[];
	fetchedAt: string;
}

const KEY = 'seekh-mandatory-training';

export function cached(owner: string, storage: Pick<Storage, 'getItem'> = localStorage): MyTraining | null {
	try {
		const got = JSON.parse(storage.getItem(KEY) ?? 'null') as MyTraining | null;
		return got && got.owner === owner ? got : null;
	} catch {
		return null;
	}
}

export async function fetchMyTraining(
	client: SupabaseClient,
	owner: string,
	storage: Pick<Storage, 'setItem'> = localStorage
): Promise<MyTraining | null> {
	// A proof or claim that failed on the way (a 503 from a busy server) would otherwise
	// answer "nothing assigned" for this visit: report a failure so the caller asks again.
	if (!(await recordPendingProof(client))) return null;
	const claim = await client.rpc('claim_employee_records');
	if (claim.error) return null;
	const [mine, team, notices] = await Promise.all([
		client.rpc('my_mandatory_training'),
		client.rpc('my_team_compliance'),
		client
			.from('compliance_notices')
			.select('id, kind, assignment_id, about_name, days, due_date, created_at')
			.is('read_at', null)
			.order('created_at', { ascending: false })
			.limit(5)
	]);
	if (mine.error || team.error) return null;
	const value: MyTraining = {
		owner,
		items: (mine.data ?? []) as MandatoryItem[],
		team: (team.data ?? []) as TeamItem[],
		notices: (notices.data ?? []) as Notice[],
		fetchedAt: new Date().toISOString()
	};
	try {
		storage.setItem(KEY, JSON.stringify(value));
	} catch {
		// A full storage only costs the offline copy.
	}
	return value;
}
