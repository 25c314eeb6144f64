import { json, type RequestHandler } from '@sveltejs/kit';
import { fail } from '$lib/server/http';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import {
	COMPLIANCE_DEFINITIONS,
	METRIC_DEFINITIONS,
	monitoringCsv,
	monitoringView,
	parseBreakdown,
	parseFilters
} from '$lib/server/staff/monitoring';
import { trainerCascade } from '$lib/server/staff/trainers';

export const prerender = false;

/**
 * Programme figures for CoE-AI administrators and auditors (the SQL checks that the role is
 * held at the programme root). `?by=province&province=punjab&from=2026-07&format=csv|json`.
 */
export const GET: RequestHandler = async (event) => {
	// `?view=trainers`: the trainer cascade (trainers trained, learners reached per trainer).
	if (event.url.searchParams.get('view') === 'trainers')
		return staffEndpoint(event, ['coe_admin', 'auditor'], (s) => trainerCascade(s.client));
	const filters = parseFilters(event.url.searchParams);
	const by = parseBreakdown(event.url.searchParams.get('by'));
	if (!filters || !by) return fail('invalid');
	const format = event.url.searchParams.get('format');
	const answer = await staffEndpoint(event, ['coe_admin', 'auditor'], (s) =>
		monitoringView(s.client, filters, by)
	);
	if ((format !== 'csv' && format !== 'json') || !answer.ok) return answer;
	const view = await answer.json();
	const stamp = new Date().toISOString().slice(0, 10);
	const headers = {
		'content-disposition': `attachment; filename="seekh-monitoring-${by}-${stamp}.${format}"`,
		'cache-control': 'no-store'
	};
	if (format === 'json')
		return json({ ...view, definitions: { ...METRIC_DEFINITIONS, ...COMPLIANCE_DEFINITIONS } }, { headers });
	return new Response(monitoringCsv(view), {
		headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
	});
};
