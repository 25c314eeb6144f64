import type { SupabaseClient } from '@supabase/supabase-js';
import { ok, type Result } from '$lib/result';
import {
	BREAKDOWNS,
	METRICS,
	type Breakdown,
	type ComplianceFigures,
	type FigureRow,
	type Targets
} from '$lib/monitoring/types';
import { DEFINITIONS } from '$lib/monitoring/progress-csv';
import { isCourseId } from '$lib/server/ids';
import { refusal } from './sql-errors';

/**
 * The programme-monitoring staff tool's questions, asked as the signed-in person: the SQL
 * functions refuse anyone who is not a CoE-AI administrator or auditor at the programme root.
 */
export interface MonitoringView {
	targets: Targets;
	by: Breakdown;
	rows: FigureRow[];
	trend: FigureRow[];
	/** The civil-service compliance roll-up (today's standing, not filtered by the month range). */
	compliance: ComplianceFigures;
	filters: Record<string, string>;
}

const FILTER_KEYS = [
	'from',
	'to',
	'programme',
	'course',
	'language',
	'province',
	'district',
	'gender',
	'disability',
	'age_band'
] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TOKEN = /^[\p{L}\p{N} ._-]{1,80}$/u;

/** Only known filters, each checked for shape; months become the first of the month. */
export function parseFilters(params: URLSearchParams): Record<string, string> | null {
	const filters: Record<string, string> = {};
	for (const key of FILTER_KEYS) {
		if (!params.has(key)) continue;
		// A filter that is present must say something: an empty one is a malformed request.
		const value = params.get(key)?.trim();
		if (!value) return null;
		if (key === 'course') {
			if (!isCourseId(value)) return null;
			filters[key] = value;
		} else if (key === 'from' || key === 'to') {
			if (!MONTH.test(value)) return null;
			filters[key] = `${value}-01`;
		} else {
			if (!TOKEN.test(value)) return null;
			filters[key] = value;
		}
	}
	return filters;
}

export function parseBreakdown(value: string | null): Breakdown | null {
	const by = value ?? 'province';
	return (BREAKDOWNS as readonly string[]).includes(by) ? (by as Breakdown) : null;
}

export async function monitoringView(
	client: SupabaseClient,
	filters: Record<string, string>,
	by: Breakdown
): Promise<Result<MonitoringView>> {
	const [targets, rows, trend, compliance] = await Promise.all([
		client.rpc('programme_targets', {}),
		client.rpc('programme_figures', { filters, by }),
		client.rpc('programme_figures', { filters, by: 'month' }),
		client.rpc('programme_compliance', {})
	]);
	for (const answer of [targets, rows, trend, compliance]) if (answer.error) return refusal(answer.error);
	return ok({
		targets: targets.data as Targets,
		by,
		rows: rows.data as FigureRow[],
		trend: trend.data as FigureRow[],
		compliance: compliance.data as ComplianceFigures,
		filters
	});
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The view as CSV: the figures as numbers, then the filters and what each column counts. */
export function monitoringCsv(view: MonitoringView): string {
	const lines = [[view.by, ...METRICS].join(',')];
	for (const row of view.rows) lines.push([quote(row.key), ...METRICS.map((m) => String(row[m]))].join(','));
	// The compliance roll-up: numbers as numbers, the national line first.
	const c = view.compliance;
	lines.push('');
	lines.push('compliance_unit,assigned,exempt,valid,percent_compliant');
	const pct = (p: number | null) => (p === null ? '' : String(p));
	lines.push(
		['national', c.national.assigned, c.national.exempt, c.national.valid, pct(c.national.percent)].join(',')
	);
	for (const u of c.units)
		lines.push([quote(u.code), u.assigned, u.exempt, u.valid, pct(u.percent)].join(','));
	lines.push('');
	lines.push('filter,value');
	for (const [k, v] of Object.entries(view.filters)) lines.push(`${k},${quote(v)}`);
	lines.push('');
	lines.push('term,meaning');
	for (const m of METRICS) lines.push(`${m},${quote(METRIC_DEFINITIONS[m])}`);
	for (const [term, meaning] of Object.entries(COMPLIANCE_DEFINITIONS))
		lines.push(`${term},${quote(meaning)}`);
	for (const [term, meaning] of Object.entries(DEFINITIONS)) lines.push(`${quote(term)},${quote(meaning)}`);
	lines.push(`refreshed_at,${view.targets.refreshed_at}`);
	return lines.join('\r\n') + '\r\n';
}

export const METRIC_DEFINITIONS: Record<(typeof METRICS)[number], string> = {
	enrolled:
		'Learners with an account who opened a lesson of the course, counted in the month they first did.',
	active:
		'Learners with synced activity in the course in the month (a learner active in three months counts in each).',
	completed:
		'Learners who completed every lesson of the course, counted in the month the summaries first saw it.',
	passed: 'Learners who passed the course final assessment, counted in the month of their first pass.',
	certified: 'Certificates issued and not revoked, counted in the month of issue.'
};

/** What the compliance roll-up counts (the same words as supabase/migrations/…0210). */
export const COMPLIANCE_DEFINITIONS = {
	compliance_unit:
		"national: every organisation tree; otherwise a top-level unit (a direct child of a tree root, e.g. the federal government or a province) with everything beneath it. Today's standing, not limited by the month filters.",
	assigned:
		'Person-assignments of mandatory training: someone with two assigned courses or plans counts twice.',
	exempt: 'Person-assignments with an exemption (its reason is recorded and audited).',
	valid:
		'Person-assignments whose completion is valid today: completed, completed late, or completed and due for recertification but not yet expired.',
	percent_compliant:
		'valid / (assigned - exempt) x 100, one decimal; empty when nobody is assigned. Read from the compliance counters, not from learner events.'
} as const;
