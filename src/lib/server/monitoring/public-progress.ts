import type { SupabaseClient } from '@supabase/supabase-js';
import { publish, type Publication, type TableInput } from '$lib/monitoring/suppress';
import type { FigureRow, PublicProgress, Targets } from '$lib/monitoring/types';

/**
 * Builds what /progress shows to everyone, from the summaries the refresh maintains. Only the
 * server sees unsuppressed figures (with the service key); what leaves here has been through
 * suppress.ts as one publication, so its tables are protected against each other as well.
 */
export async function buildPublicProgress(
	service: SupabaseClient,
	now = new Date()
): Promise<PublicProgress> {
	const targets = await rpc<Targets>(service, 'programme_targets', {});
	const fy = targets.fiscal_year;
	const fyRange = { from: `${fy}-07-01`, to: `${fy + 1}-06-01` };
	const [enrolByProvince, enrolByLanguage, enrolByProgramme, certByProvince, certByProgramme, certByMonth] =
		await Promise.all([
			figures(service, {}, 'province'),
			figures(service, {}, 'language'),
			figures(service, {}, 'programme'),
			figures(service, fyRange, 'province'),
			figures(service, fyRange, 'programme'),
			figures(service, fyRange, 'month')
		]);
	const [reachByLanguage, reachByProvince] = await Promise.all([
		rpc<{ key: string; completions: number }[]>(service, 'awareness_figures', {
			filters: fyRange,
			by: 'language'
		}),
		rpc<{ key: string; completions: number }[]>(service, 'awareness_figures', {
			filters: fyRange,
			by: 'province'
		})
	]);

	const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
	const cells = (rows: FigureRow[], metric: 'enrolled' | 'certified') =>
		rows.map((r) => ({ key: r.key, n: r[metric] }));
	const enrolled = {
		province: cells(enrolByProvince, 'enrolled'),
		language: cells(enrolByLanguage, 'enrolled'),
		programme: cells(enrolByProgramme, 'enrolled')
	};
	const certified = {
		province: cells(certByProvince, 'certified'),
		programme: cells(certByProgramme, 'certified'),
		month: fiscalMonths(fy).map((key) => ({ key, n: certByMonth.find((r) => r.key === key)?.certified ?? 0 }))
	};
	const reach = {
		language: reachByLanguage.map((r) => ({ key: r.key, n: r.completions })),
		province: reachByProvince.map((r) => ({ key: r.key, n: r.completions }))
	};

	const table = (id: string, total: string, rows: { key: string; n: number }[]): TableInput => ({
		id,
		total,
		cells: rows.map((r) => ({ key: r.key, count: r.n }))
	});
	const publication: Publication = publish(
		{
			enrolments: sum(enrolled.province),
			certified_fy: sum(certified.province),
			trainers: targets.trainers,
			awareness_fy: sum(reach.language)
		},
		[
			table('enrolments_by_province', 'enrolments', enrolled.province),
			table('enrolments_by_language', 'enrolments', enrolled.language),
			table('enrolments_by_programme', 'enrolments', enrolled.programme),
			table('certified_by_province', 'certified_fy', certified.province),
			table('certified_by_programme', 'certified_fy', certified.programme),
			table('certified_by_month', 'certified_fy', certified.month),
			table('awareness_by_language', 'awareness_fy', reach.language),
			table('awareness_by_province', 'awareness_fy', reach.province)
		]
	);
	return {
		generated_at: now.toISOString(),
		refreshed_at: targets.refreshed_at,
		fiscal_year: fy,
		trained_target: targets.trained_target,
		trainers_target: targets.trainers_target,
		trainers_deadline: targets.trainers_deadline,
		...publication,
		dropped: publication.dropped ?? []
	};
}

/** The twelve months of a fiscal year (July–June) as yyyy-mm. */
export function fiscalMonths(fy: number): string[] {
	return Array.from({ length: 12 }, (_, i) => {
		const month = ((6 + i) % 12) + 1;
		return `${month >= 7 ? fy : fy + 1}-${String(month).padStart(2, '0')}`;
	});
}

async function figures(
	service: SupabaseClient,
	filters: Record<string, string>,
	by: string
): Promise<FigureRow[]> {
	return rpc<FigureRow[]>(service, 'programme_figures', { filters, by });
}

async function rpc<T>(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
	const { data, error } = await client.rpc(fn, args);
	if (error) throw new Error(`${fn}: ${error.code} ${error.message}`);
	return data as T;
}
