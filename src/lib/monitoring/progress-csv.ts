import { showText, type Shown } from './suppress';
import type { PublicProgress } from './types';

/**
 * The public figures as CSV: one row per published figure, then the definitions, so the file
 * explains itself when it travels without the page. English column names and Western digits,
 * as spreadsheets expect; the page shows the same figures in the reader's language.
 */
export const DEFINITIONS: Record<string, string> = {
	enrolments:
		'Course enrolments: learners with an account who opened a lesson of a course (a person in two courses counts twice).',
	certified_fy:
		'Certificates issued by CoE-AI in the fiscal year (July-June) and not revoked: the policy target is 200,000 people trained a year.',
	trainers:
		'Certified trainers: Train-the-Trainer certificates issued and not revoked, counted towards 10,000 by 2027.',
	awareness_fy:
		'Awareness lessons completed without an account, counted anonymously on devices whose owners turned the count on.',
	'<10': 'Between 1 and 9: hidden so that no small group can be singled out.',
	'–': 'Withheld: at least 10, hidden so that a small figure elsewhere cannot be worked out.',
	rounding: 'Every other figure is rounded to the nearest 5.'
};

const text = (s: Shown) => showText(s, String);
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function progressCsv(p: PublicProgress): string {
	const rows: string[][] = [['table', 'key', 'value']];
	for (const [id, shown] of Object.entries(p.totals)) rows.push(['total', id, text(shown)]);
	for (const table of p.tables)
		for (const cell of table.cells) rows.push([table.id, cell.key, text(cell.shown)]);
	for (const id of p.dropped) rows.push([id, '', 'not published: could not be protected']);
	rows.push([]);
	rows.push(['definition', 'term', 'meaning']);
	for (const [term, meaning] of Object.entries(DEFINITIONS)) rows.push(['definition', term, meaning]);
	rows.push(['definition', 'fiscal_year', `${p.fiscal_year}-${p.fiscal_year + 1} (1 July to 30 June)`]);
	rows.push(['definition', 'refreshed_at', p.refreshed_at]);
	return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
