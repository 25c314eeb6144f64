import type { SupabaseClient } from '@supabase/supabase-js';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Compliance exports (CSV, XLSX) of exactly the dashboard's filtered view, streamed: rows come
 * from public.compliance_people as the caller (their JWT, so SQL decides scope) one keyset page
 * at a time and are written out as they arrive, so memory stays flat for 100,000 people.
 */
export interface ExportQuery {
	unit: string;
	assignment: string | null;
	statuses: string[] | null;
	bps_min: number | null;
	bps_max: number | null;
	due_from: string | null;
	due_to: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUS = /^(not_started|in_progress|completed|completed_late|recert_due|overdue|expired|exempted)$/;

/** Reads the query string; null when anything is malformed (fail closed). */
export function parseExportQuery(params: URLSearchParams): ExportQuery | null {
	const unit = params.get('unit') ?? '';
	const assignment = params.get('assignment') || null;
	const statuses = params.get('statuses') ? params.get('statuses')!.split(',') : null;
	const bps = (k: string) => {
		const v = params.get(k);
		if (!v) return null;
		const n = Number(v);
		return Number.isInteger(n) && n >= 1 && n <= 22 ? n : NaN;
	};
	const day = (k: string) => params.get(k) || null;
	const q = {
		unit,
		assignment,
		statuses,
		bps_min: bps('bps_min'),
		bps_max: bps('bps_max'),
		due_from: day('due_from'),
		due_to: day('due_to')
	};
	if (!UUID.test(q.unit) || (q.assignment && !UUID.test(q.assignment))) return null;
	if (q.statuses && !q.statuses.every((s) => STATUS.test(s))) return null;
	if (Number.isNaN(q.bps_min) || Number.isNaN(q.bps_max)) return null;
	if ((q.due_from && !DAY.test(q.due_from)) || (q.due_to && !DAY.test(q.due_to))) return null;
	return q;
}

/** One line of the file (the export's columns, in EXPORT_COLUMNS order below). */
export interface ExportRow {
	employee_id: string;
	full_name: string;
	unit_code: string;
	bps: number | null;
	designation: string | null;
	assignment_code: string;
	due_date: string;
	status: string;
	completed_at: string | null;
	valid_until: string | null;
	exempt_reason: string | null;
}

export const EXPORT_COLUMNS = [
	'employee_id',
	'full_name',
	'org_unit_code',
	'bps',
	'designation',
	'program_code',
	'due_date',
	'status',
	'completed_at',
	'valid_until',
	'exempt_reason'
] as const;

/** A page as compliance_export_page returns it: the file's columns, and where to go on. */
interface ExportPage {
	rows: [
		string,
		string,
		string,
		number | null,
		string | null,
		string,
		string,
		string,
		string | null,
		string | null,
		string | null
	][];
	after: [string, string] | null;
}

/**
 * Every row of the view, page by page (keyset), as the caller. Throws 'forbidden' on 42501.
 * A page is one JSON value (PostgREST's max_rows, 1,000, cuts row sets, not values). The
 * next page is asked for while this one is written out, so the database and the writer work
 * at the same time; at most two pages are held, whatever the size of the report.
 */
export async function* exportRows(
	client: SupabaseClient,
	q: ExportQuery,
	pageSize = 5000
): AsyncGenerator<ExportRow> {
	const page = async (after: [string, string] | null) => {
		const { data, error } = await client.rpc('compliance_export_page', {
			...q,
			after_employee: after?.[0] ?? null,
			after_assignment: after?.[1] ?? null,
			page_size: pageSize
		});
		if (error) throw new Error(error.code === '42501' ? 'forbidden' : error.message);
		return data as ExportPage;
	};
	let next: Promise<ExportPage> | null = page(null);
	while (next) {
		const { rows, after }: ExportPage = await next;
		next = rows.length < pageSize || !after ? null : page(after);
		// A reader that stops early leaves this request behind: its failure is nobody's.
		next?.catch(() => {});
		for (const r of rows)
			yield {
				employee_id: r[0],
				full_name: r[1],
				unit_code: r[2],
				bps: r[3],
				designation: r[4],
				assignment_code: r[5],
				due_date: r[6],
				status: r[7],
				completed_at: r[8],
				valid_until: r[9],
				exempt_reason: r[10]
			};
	}
}

const csvCell = (v: unknown) => {
	if (v === null || v === undefined) return '';
	const s = String(v);
	// Quote when needed; a leading = + - @ would be run as a formula by spreadsheets.
	const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const values = (r: ExportRow) => [
	r.employee_id,
	r.full_name,
	r.unit_code,
	r.bps,
	r.designation,
	r.assignment_code,
	r.due_date,
	r.status,
	r.completed_at,
	r.valid_until,
	r.exempt_reason
];

export function csvStream(rows: AsyncIterable<ExportRow>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const iterator = rows[Symbol.asyncIterator]();
	let started = false;
	return new ReadableStream({
		async pull(controller) {
			if (!started) {
				started = true;
				// BOM so Excel opens UTF-8 (Urdu names) correctly.
				controller.enqueue(encoder.encode('\ufeff' + EXPORT_COLUMNS.join(',') + '\r\n'));
			}
			const lines: string[] = [];
			for (let i = 0; i < 1000; i++) {
				const next = await iterator.next();
				if (next.done) {
					if (lines.length) controller.enqueue(encoder.encode(lines.join('')));
					controller.close();
					return;
				}
				lines.push(values(next.value).map(csvCell).join(',') + '\r\n');
			}
			controller.enqueue(encoder.encode(lines.join('')));
		}
	});
}

const asDate = (v: string | null) => (v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : null);

/** XLSX with exceljs' streaming writer: numbers as numbers, dates as dates. */
export function xlsxStream(rows: AsyncIterable<ExportRow>, sheetName: string): ReadableStream<Uint8Array> {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useSharedStrings: false,
		useStyles: true
	});
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
	sheet.columns = EXPORT_COLUMNS.map((c) => ({
		header: c,
		key: c,
		width: 18,
		style:
			c === 'due_date' || c === 'valid_until'
				? { numFmt: 'yyyy-mm-dd' }
				: c === 'completed_at'
					? { numFmt: 'yyyy-mm-dd hh:mm' }
					: {}
	}));
	void (async () => {
		try {
			for await (const r of rows) {
				sheet
					.addRow([
						r.employee_id,
						r.full_name,
						r.unit_code,
						r.bps,
						r.designation,
						r.assignment_code,
						asDate(r.due_date),
						r.status,
						asDate(r.completed_at),
						asDate(r.valid_until),
						r.exempt_reason
					])
					.commit();
			}
			sheet.commit();
			await workbook.commit();
		} catch (error) {
			out.destroy(error as Error);
		}
	})();
	return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/** `compliance-FED-ESTAB-2026-12-02T1015Z.csv`: the unit and the moment in the file name. */
export function exportName(unitCode: string, format: 'csv' | 'xlsx', at = new Date()): string {
	const stamp = at.toISOString().slice(0, 16).replace(/:/g, '') + 'Z';
	return `compliance-${unitCode.replace(/[^A-Za-z0-9._-]/g, '')}-${stamp}.${format}`;
}
