import { bearerToken } from '$lib/server/http';
import { json, type RequestHandler } from '@sveltejs/kit';
import { userClient } from '$lib/server/supabase-admin';
import {
	csvStream,
	exportName,
	exportRows,
	parseExportQuery,
	xlsxStream
} from '$lib/server/staff/compliance';

/**
 * GET /staff/compliance/export?format=csv|xlsx&unit=…&filters: the dashboard's filtered view as
 * a file, streamed. Runs as the caller (bearer token): compliance_people refuses units they do
 * not oversee, so nothing here decides scope.
 */
export const GET: RequestHandler = async ({ request, url }) => {
	const token = bearerToken(request);
	if (!token) return json({ error: 'sign_in' }, { status: 401 });
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const query = parseExportQuery(url.searchParams);
	if (!query) return json({ error: 'invalid' }, { status: 400 });
	const client = userClient(token);

	// Ask once before streaming, so a refusal is a clean 403 rather than a broken file.
	const probe = await client.rpc('compliance_people', { ...query, page_size: 1 } as never);
	if (probe.error)
		return json(
			{ error: probe.error.code === '42501' ? 'forbidden' : 'invalid' },
			{ status: probe.error.code === '42501' ? 403 : 400 }
		);
	const unit = await client.from('organisations').select('code').eq('id', query.unit).single();
	const code = (unit.data as { code: string } | null)?.code ?? 'unit';

	const rows = exportRows(client, query);
	const body = format === 'csv' ? csvStream(rows) : xlsxStream(rows, code);
	return new Response(body, {
		headers: {
			'content-type':
				format === 'csv'
					? 'text/csv; charset=utf-8'
					: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${exportName(code, format)}"`,
			'cache-control': 'no-store'
		}
	});
};
