// @vitest-environment jsdom
import { Blob as NodeBlob } from 'node:buffer';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv, readXlsx } from './hr-file';

const HEADER =
	'employee_id,full_name,email,mobile,org_unit_code,bps,designation,program_code,due_date,supervisor_employee_id';

describe('reading HR files on the device', () => {
	it('CSV: rows carry their spreadsheet line numbers, headers are forgiving, progress reaches 1', async () => {
		const csv = [
			HEADER.replace('full_name', 'Full Name'),
			'E1,عائشہ,,0300 1234567,FED,17,SO,AI,2026-12-31,',
			'',
			'E2,"Khan, Bilal",,,FED,18,,,,E1'
		].join('\n');
		let progress = 0;
		const got = await readCsv(new Blob([csv]), (f) => (progress = f));
		expect(got.ok).toBe(true);
		if (!got.ok) return;
		expect(got.rows.map((r) => [r.line, r.employee_id, r.full_name])).toEqual([
			[2, 'E1', 'عائشہ'],
			[3, 'E2', 'Khan, Bilal']
		]);
		expect(progress).toBe(1);
	});

	it('CSV: names the missing columns', async () => {
		const got = await readCsv(new Blob(['employee_id,full_name\nE1,A']), () => {});
		expect(got).toEqual({
			ok: false,
			error: 'missing_columns',
			columns: [
				'email',
				'mobile',
				'org_unit_code',
				'bps',
				'designation',
				'program_code',
				'due_date',
				'supervisor_employee_id'
			]
		});
	});

	it('XLSX: dates become YYYY-MM-DD and numbers text', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Staff');
		sheet.addRow(HEADER.split(','));
		sheet.addRow([
			'E1',
			'عائشہ',
			null,
			3001234567,
			'FED',
			17,
			'SO',
			'AI',
			new Date('2026-12-31T00:00:00Z'),
			null
		]);
		const buffer = await book.xlsx.writeBuffer();
		// jsdom's Blob has no arrayBuffer(); browsers' (and Node's) have.
		const got = await readXlsx(new NodeBlob([buffer]) as unknown as Blob, () => {});
		expect(got.ok && got.rows[0]).toMatchObject({
			line: 2,
			bps: '17',
			due_date: '2026-12-31',
			mobile: '3001234567'
		});
	});
});
