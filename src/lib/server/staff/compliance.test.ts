import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvStream, exportName, parseExportQuery, xlsxStream, type ExportRow } from './compliance';

const row = (i: number, extra: Partial<ExportRow> = {}): ExportRow => ({
	employee_id: `E${i}`,
	full_name: 'عائشہ خان',
	unit_code: 'FED-ESTAB-TW',
	bps: 17,
	designation: 'Section Officer, Admin',
	assignment_code: 'AI-2026',
	due_date: '2026-12-31',
	status: 'completed',
	completed_at: '2026-12-02T10:15:00Z',
	valid_until: '2028-12-02',
	exempt_reason: null,
	...extra
});
async function* rows(list: ExportRow[]) {
	for (const r of list) yield r;
}
const read = async (stream: ReadableStream<Uint8Array>) =>
	Buffer.from(await new Response(stream).arrayBuffer());

describe('compliance exports', () => {
	it('CSV: UTF-8 with BOM, quoted where needed, formulas neutralised', async () => {
		const text = (await read(csvStream(rows([row(1), row(2, { full_name: '=HYPERLINK("x")' })])))).toString(
			'utf8'
		);
		const lines = text.replace(/^\ufeff/, '').split('\r\n');
		expect(text.startsWith('\ufeff')).toBe(true);
		expect(lines[0]).toBe(
			'employee_id,full_name,org_unit_code,bps,designation,program_code,due_date,status,completed_at,valid_until,exempt_reason'
		);
		expect(lines[1]).toBe(
			'E1,عائشہ خان,FED-ESTAB-TW,17,"Section Officer, Admin",AI-2026,2026-12-31,completed,2026-12-02T10:15:00Z,2028-12-02,'
		);
		expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
	});

	it('XLSX: numbers as numbers and dates as dates', async () => {
		const buffer = await read(xlsxStream(rows([row(1)]), 'FED-ESTAB-TW'));
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(buffer as unknown as ArrayBuffer);
		const sheet = book.worksheets[0]!;
		expect(sheet.name).toBe('FED-ESTAB-TW');
		const r = sheet.getRow(2);
		expect(r.getCell(1).value).toBe('E1');
		expect(r.getCell(4).value).toBe(17);
		expect(r.getCell(7).value).toBeInstanceOf(Date);
		expect((r.getCell(7).value as Date).toISOString().slice(0, 10)).toBe('2026-12-31');
		expect(r.getCell(9).value).toBeInstanceOf(Date);
	});

	it('reads only well-formed filters, and names the file after the unit and the moment', () => {
		const unit = '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293';
		expect(
			parseExportQuery(new URLSearchParams({ unit, statuses: 'overdue,expired', bps_min: '17' }))
		).toMatchObject({
			unit,
			statuses: ['overdue', 'expired'],
			bps_min: 17
		});
		expect(parseExportQuery(new URLSearchParams({ unit: 'x' }))).toBeNull();
		expect(parseExportQuery(new URLSearchParams({ unit, statuses: 'all' }))).toBeNull();
		expect(parseExportQuery(new URLSearchParams({ unit, bps_min: '30' }))).toBeNull();
		expect(parseExportQuery(new URLSearchParams({ unit, due_from: '31/12/2026' }))).toBeNull();
		expect(exportName('FED-ESTAB', 'csv', new Date('2026-12-02T10:15:30Z'))).toBe(
			'compliance-FED-ESTAB-2026-12-02T1015Z.csv'
		);
	});
});
