import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import type { AuditEntry, Page } from '$lib/staff/types';
import { isUuid, refusal, text } from './sql-errors';

/**
 * The audit-log tool: entries for a unit's subtree, newest first, paged by id, filtered by
 * action prefix and dates. RLS on audit_log lets only org_admin/auditor/coe_admin read.
 */
export const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function listAudit(
	client: SupabaseClient,
	input: { org: unknown; action: unknown; since: unknown; until: unknown; before: unknown }
): Promise<Result<Page<AuditEntry>>> {
	const before = input.before == null ? null : Number(input.before);
	const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : null);
	if (!isUuid(input.org) || (before !== null && !Number.isSafeInteger(before))) return failure('invalid');
	if ((input.since && !day(input.since)) || (input.until && !day(input.until))) return failure('invalid');
	const until = day(input.until);
	const { data, error } = await client.rpc('audit_entries', {
		org: input.org,
		action_prefix: text(input.action, 64),
		since: day(input.since),
		// The "until" day is included: stop at the start of the next one.
		until: until ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString() : null,
		before_id: before,
		lim: PAGE + 1
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as AuditEntry[];
	const items = rows.slice(0, PAGE);
	return ok({ items, next: rows.length > PAGE ? String(items[items.length - 1]!.id) : null });
}
