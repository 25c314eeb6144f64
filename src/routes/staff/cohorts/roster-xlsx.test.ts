import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RosterRow } from '$lib/cohorts/types';
import { rosterXlsx } from './roster-xlsx';

const base: RosterRow = {
	user_id: 'a',
	display_name: 'عائشہ',
	joined_at: '2026-11-01T08:00:00Z',
	shares_progress: true,
	progress: { 'ai-awareness': { lessons: {}, completed: 3, of: 13 } },
	last_synced_at: '2026-11-20T10:00:00Z',
	failed_quizzes: [],
	sessions_held: 5,
	sessions_attended: 4,
	attendance: {},
	needs_help: ['failed_quiz_twice']
};

describe('roster XLSX', () => {
	it('holds the roster with numbers as numbers, dates as dates, and no progress without consent', async () => {
		const bytes = await rosterXlsx(
			[
				base,
				{
					...base,
					user_id: 'b',
					display_name: '=HYPERLINK("x")',
					shares_progress: false,
					progress: null,
					needs_help: []
				}
			],
			['ai-awareness'],
			{
				sheet: 'روسٹر',
				name: 'نام',
				joined: 'شامل',
				lessonsDone: (c) => `done ${c}`,
				lessonsOf: (c) => `of ${c}`,
				lastSynced: 'sync',
				attended: 'came',
				held: 'held',
				needsHelp: 'help',
				flag: (f) => `flag:${f}`
			},
			true
		);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(bytes.buffer as ArrayBuffer);
		const sheet = book.worksheets[0]!;
		expect(sheet.name).toBe('روسٹر');
		expect(sheet.getRow(1).values).toEqual([
			undefined,
			'نام',
			'شامل',
			'done ai-awareness',
			'of ai-awareness',
			'sync',
			'came',
			'held',
			'help'
		]);
		const first = sheet.getRow(2);
		expect(first.getCell(1).value).toBe('عائشہ');
		expect(first.getCell(2).value).toEqual(new Date('2026-11-01T08:00:00Z'));
		expect([
			first.getCell(3).value,
			first.getCell(4).value,
			first.getCell(6).value,
			first.getCell(7).value
		]).toEqual([3, 13, 4, 5]);
		expect(first.getCell(8).value).toBe('flag:failed_quiz_twice');
		const second = sheet.getRow(3);
		// A name that looks like a formula stays text; no progress without consent.
		expect(second.getCell(1).value).toBe('=HYPERLINK("x")');
		expect(second.getCell(1).formula).toBeUndefined();
		expect([second.getCell(3).value, second.getCell(4).value]).toEqual([null, null]);
	});
});
