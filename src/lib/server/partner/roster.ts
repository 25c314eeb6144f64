import Papa from 'papaparse';
import type { RosterProblem } from './problem';

/**
 * Reads a OneRoster 1.2 roster (the subset Seekh uses: users.csv, orgs.csv, enrollments.csv)
 * into rows that keep their file and line, for the SQL that checks and applies them
 * (public.partner_roster). Only the shape is checked here; every rule is in the database.
 */
export interface Roster {
	users: Record<string, unknown>[];
	orgs: Record<string, unknown>[];
	enrollments: Record<string, unknown>[];
	problems: RosterProblem[];
}

const FILES = {
	users: { file: 'users.csv', required: ['sourcedId', 'givenName'] },
	orgs: { file: 'orgs.csv', required: ['sourcedId'] },
	enrollments: { file: 'enrollments.csv', required: ['userSourcedId', 'classSourcedId'] }
} as const;
type Part = keyof typeof FILES;
const PARTS = Object.keys(FILES) as Part[];

/** One CSV file: its rows with line numbers (the header is line 1), and what could not be read. */
export function readCsv(
	part: Part,
	text: string
): { rows: Record<string, unknown>[]; problems: RosterProblem[] } {
	const { file, required } = FILES[part];
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: false,
		transformHeader: (h) => h.trim()
	});
	const problems: RosterProblem[] = [];
	const headers = parsed.meta.fields ?? [];
	for (const column of required)
		if (!headers.includes(column)) problems.push({ file, line: 1, code: 'missing_column', value: column });
	const broken = new Set<number>();
	for (const e of parsed.errors)
		if (typeof e.row === 'number') {
			broken.add(e.row);
			problems.push({ file, line: e.row + 2, code: 'bad_csv_row', value: e.message.slice(0, 80) });
		}
	const rows: Record<string, unknown>[] = [];
	parsed.data.forEach((row, i) => {
		if (broken.has(i)) return;
		if (Object.values(row).every((v) => v === undefined || v === null || String(v).trim() === '')) return;
		rows.push({ ...row, file, line: i + 2 });
	});
	return { rows, problems };
}

/** multipart/form-data with files named users, orgs, enrollments (".csv" optional). */
export async function rosterFromForm(form: FormData): Promise<Roster | null> {
	const roster: Roster = { users: [], orgs: [], enrollments: [], problems: [] };
	let any = false;
	for (const part of PARTS) {
		const value = form.get(part) ?? form.get(`${part}.csv`);
		if (value === null) continue;
		const text = typeof value === 'string' ? value : await value.text();
		const read = readCsv(part, text);
		roster[part] = read.rows;
		roster.problems.push(...read.problems);
		any = true;
	}
	return any ? roster : null;
}

/**
 * JSON: `{ "users": [...], "orgs": [...], "enrollments": [...] }` with OneRoster field names
 * (line N = the Nth item), or `{ "files": { "users.csv": "<csv>", ... } }`.
 */
export function rosterFromJson(body: unknown): Roster | null {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
	const input = body as Record<string, unknown>;
	const roster: Roster = { users: [], orgs: [], enrollments: [], problems: [] };
	let any = false;
	if (input.files && typeof input.files === 'object') {
		const files = input.files as Record<string, unknown>;
		for (const part of PARTS) {
			const text = files[`${part}.csv`] ?? files[part];
			if (typeof text !== 'string') continue;
			const read = readCsv(part, text);
			roster[part] = read.rows;
			roster.problems.push(...read.problems);
			any = true;
		}
		return any ? roster : null;
	}
	for (const part of PARTS) {
		const list = input[part];
		if (list === undefined) continue;
		if (!Array.isArray(list)) return null;
		roster[part] = list.map((item, i) => ({ ...flat(item), file: part, line: i + 1 }));
		any = true;
	}
	return any ? roster : null;
}

/** JSON values as the CSV would have them: lists (orgSourcedIds) comma-joined. */
function flat(item: unknown): Record<string, unknown> {
	if (!item || typeof item !== 'object' || Array.isArray(item)) return {};
	return Object.fromEntries(
		Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])
	);
}
