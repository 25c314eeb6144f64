import Papa from 'papaparse';

/**
 * Reads an HR file (CSV or XLSX) on the device into rows the database checks, each with the
 * line number the admin sees in their spreadsheet (the header is line 1). CSV is streamed with
 * papaparse (progress by bytes); XLSX is read with exceljs, loaded only when needed.
 */
export const COLUMNS = [
	'employee_id',
	'full_name',
	'email',
	'mobile',
	'org_unit_code',
	'bps',
	'designation',
	'program_code',
	'due_date',
	'supervisor_employee_id'
] as const;
export type Column = (typeof COLUMNS)[number];
export type HrRow = { line: number } & Record<Column, string>;

export type ReadResult =
	| { ok: true; rows: HrRow[] }
	| { ok: false; error: 'missing_columns'; columns: string[] }
	| { ok: false; error: 'unreadable' | 'too_many_rows' | 'empty' };

export const MAX_ROWS = 100_000;

const normalHeader = (h: string) =>
	h
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');

function missing(headers: string[]): string[] {
	const have = new Set(headers.map(normalHeader));
	return COLUMNS.filter((c) => !have.has(c));
}

function toRow(line: number, record: Record<string, unknown>): HrRow {
	const row = { line } as HrRow;
	for (const c of COLUMNS) row[c] = cell(record[c]);
	return row;
}

/** A cell as text; spreadsheet dates become YYYY-MM-DD (the day as shown, not shifted by zone). */
export function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const y = value.getUTCFullYear();
		const m = String(value.getUTCMonth() + 1).padStart(2, '0');
		const d = String(value.getUTCDate()).padStart(2, '0');
		return `${y}-${m}-${d}`;
	}
	if (typeof value === 'object') {
		const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
		if (v.richText) return v.richText.map((r) => r.text).join('');
		if (v.text !== undefined) return cell(v.text);
		if (v.result !== undefined) return cell(v.result);
		return '';
	}
	return String(value).trim();
}

export function readCsv(file: Blob, onProgress: (fraction: number) => void): Promise<ReadResult> {
	return new Promise((resolve) => {
		const rows: HrRow[] = [];
		let line = 1;
		let headerProblem: string[] | null = null;
		let tooMany = false;
		Papa.parse<Record<string, string>>(file as File, {
			header: true,
			skipEmptyLines: 'greedy',
			transformHeader: normalHeader,
			chunkSize: 256 * 1024,
			chunk(results, parser) {
				if (headerProblem === null) {
					headerProblem = missing(results.meta.fields ?? []);
					if (headerProblem.length > 0) return parser.abort();
				}
				for (const record of results.data) {
					line++;
					if (rows.length >= MAX_ROWS) {
						tooMany = true;
						return parser.abort();
					}
					rows.push(toRow(line, record));
				}
				onProgress(Math.min(1, results.meta.cursor / Math.max(1, file.size)));
			},
			complete() {
				if (headerProblem && headerProblem.length > 0)
					resolve({ ok: false, error: 'missing_columns', columns: headerProblem });
				else if (tooMany) resolve({ ok: false, error: 'too_many_rows' });
				else if (rows.length === 0) resolve({ ok: false, error: 'empty' });
				else {
					onProgress(1);
					resolve({ ok: true, rows });
				}
			},
			error() {
				resolve({ ok: false, error: 'unreadable' });
			}
		});
	});
}

export async function readXlsx(file: Blob, onProgress: (fraction: number) => void): Promise<ReadResult> {
	try {
		const { default: ExcelJS } = await import('exceljs');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await file.arrayBuffer());
		const sheet = workbook.worksheets[0];
		if (!sheet) return { ok: false, error: 'empty' };
		const headers = ((sheet.getRow(1).values as unknown[]) ?? []).map((v) => normalHeader(cell(v)));
		const lacking = missing(headers);
		if (lacking.length > 0) return { ok: false, error: 'missing_columns', columns: lacking };
		const rows: HrRow[] = [];
		const count = sheet.rowCount;
		for (let r = 2; r <= count; r++) {
			const values = sheet.getRow(r).values as unknown[];
			const record: Record<string, unknown> = {};
			headers.forEach((h, i) => (record[h] = values[i]));
			if (COLUMNS.every((c) => cell(record[c]) === '')) continue;
			if (rows.length >= MAX_ROWS) return { ok: false, error: 'too_many_rows' };
			rows.push(toRow(r, record));
			if (r % 2000 === 0) {
				onProgress(r / count);
				await new Promise((done) => setTimeout(done, 0));
			}
		}
		onProgress(1);
		return rows.length ? { ok: true, rows } : { ok: false, error: 'empty' };
	} catch {
		return { ok: false, error: 'unreadable' };
	}
}

export const isXlsx = (file: File) =>
	/\.xlsx$/i.test(file.name) ||
	file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
