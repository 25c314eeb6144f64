import type { RosterRow } from '$lib/cohorts/types';

/** One CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null | undefined): string {
	let s = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return `"${s.replace(/"/g, '""')}"`;
}

/** The roster as the trainer sees it (headers in their language), one learner a line. */
export function rosterCsv(
	rows: readonly RosterRow[],
	headers: readonly string[],
	flagText: (flag: string) => string
): string {
	const lines = [headers.map(cell).join(',')];
	for (const r of rows) {
		const progress = r.progress
			? Object.entries(r.progress)
					.map(([course, p]) => `${course} ${p.completed}/${p.of}`)
					.join('; ')
			: '';
		lines.push(
			[
				r.display_name ?? '',
				r.joined_at.slice(0, 10),
				progress,
				r.last_synced_at ?? '',
				`${r.sessions_attended}/${r.sessions_held}`,
				r.needs_help.map(flagText).join('; ')
			]
				.map(cell)
				.join(',')
		);
	}
	// BOM so Excel opens Urdu names as UTF-8.
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
