import type { RosterRow } from '$lib/cohorts/types';

/**
 * The roster as an Excel workbook: the same view as the CSV, with numbers as numbers and
 * dates as dates so a trainer can sort and total them. exceljs is loaded only when the
 * trainer asks for the file (it is large and never needed by learners).
 */
export interface RosterXlsxLabels {
	sheet: string;
	name: string;
	joined: string;
	/** Column title for one course's lessons done, e.g. "Lessons done · ai-awareness". */
	lessonsDone: (course: string) => string;
	lessonsOf: (course: string) => string;
	lastSynced: string;
	attended: string;
	held: string;
	needsHelp: string;
	flag: (flag: string) => string;
}

export async function rosterXlsx(
	rows: readonly RosterRow[],
	courses: readonly string[],
	labels: RosterXlsxLabels,
	rtl = false
): Promise<Uint8Array> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(labels.sheet.slice(0, 31), {
		views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }]
	});
	sheet.addRow([
		labels.name,
		labels.joined,
		...courses.flatMap((c) => [labels.lessonsDone(c), labels.lessonsOf(c)]),
		labels.lastSynced,
		labels.attended,
		labels.held,
		labels.needsHelp
	]).font = { bold: true };
	for (const r of rows) {
		sheet.addRow([
			r.display_name ?? '',
			new Date(r.joined_at),
			// Without consent, progress cells stay empty (not 0: zero would be a claim).
			...courses.flatMap((c) =>
				r.shares_progress && r.progress
					? [r.progress[c]?.completed ?? 0, r.progress[c]?.of ?? null]
					: [null, null]
			),
			r.last_synced_at ? new Date(r.last_synced_at) : null,
			r.sessions_attended,
			r.sessions_held,
			r.needs_help.map(labels.flag).join('; ')
		]);
	}
	sheet.columns.forEach((col, i) => {
		col.width = i === 0 ? 28 : 16;
	});
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
