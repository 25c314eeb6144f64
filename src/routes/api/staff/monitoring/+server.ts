import { json, type RequestHandler } from '@sveltejs/kit';
import { asCaller } from '$lib/server/staff/respond';
import {
	METRIC_DEFINITIONS,
	monitoringCsv,
	monitoringView,
	parseBreakdown,
	parseFilters
} from '$lib/server/staff/monitoring';

export const prerender = false;

/**
 * Programme figures for CoE-AI administrators and auditors (the SQL checks the role).
 * `?by=province&province=punjab&from=2026-07&format=csv|json-download`.
 */
export const GET: RequestHandler = (event) => {
	const filters = parseFilters(event.url.searchParams);
	const by = parseBreakdown(event.url.searchParams.get('by'));
	if (!filters || !by) return Promise.resolve(json({ error: 'invalid' }, { status: 400 }));
	const format = event.url.searchParams.get('format');
	if (format !== 'csv' && format !== 'json')
		return asCaller(event, (client) => monitoringView(client, filters, by));
	return asCaller(event, async (client) => {
		const view = await monitoringView(client, filters, by);
		if (!view.ok) return view;
		const stamp = new Date().toISOString().slice(0, 10);
		const body =
			format === 'csv'
				? monitoringCsv(view.value)
				: JSON.stringify({ ...view.value, definitions: METRIC_DEFINITIONS }, null, 2);
		return { ok: true, value: { body, name: `seekh-monitoring-${by}-${stamp}.${format}` } };
	}).then(async (response) => {
		if (!response.ok) return response;
		const { body, name } = (await response.json()) as { body: string; name: string };
		return new Response(body, {
			headers: {
				'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
				'content-disposition': `attachment; filename="${name}"`,
				'cache-control': 'no-store'
			}
		});
	});
};
