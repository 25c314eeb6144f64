import { resolve } from 'node:path';
import { compileTree } from '../../src/lib/content-compiler/compile-course';
import { packLanguages, translationCounts } from '../../src/lib/content-compiler/make-pack';
import { formatProblem, isBlocking } from '../../src/lib/content-compiler/problems';
import { buildPacks } from './build-packs';
import { fsTree } from './fs-tree';

/** The three `courses:*` commands. Each returns the process exit code. */

export function check(dir = 'courses'): number {
	const { problems, courses } = compileTree(fsTree(resolve(dir)));
	for (const p of problems) console.log(formatProblem(p));
	const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
	console.error(problems.length === 0 ? `✓ ${courses.length} courses, ${lessons} lessons: no problems` : `✗ ${problems.length} problem(s)`);
	return problems.length === 0 ? 0 : 1;
}

export function build(dir = 'courses', out = 'static/packs', allowProblems = false): number {
	const root = resolve(dir);
	const { problems, courses } = compileTree(fsTree(root));
	const blocking = problems.filter(isBlocking);
	for (const p of blocking) console.error(formatProblem(p));
	if (blocking.length > 0 && !allowProblems) {
		console.error(`✗ ${blocking.length} problem(s): no packs written (run courses:check for the list)`);
		return 1;
	}
	const missing = problems.length - blocking.length;
	if (missing > 0) console.error(`⚠ ${missing} missing translation(s): those parts fall back to Urdu, then English (see courses:report)`);
	const figures = buildPacks(courses, root, resolve(out));
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const rows = figures.map((f) => [f.file, kb(f.bytes), kb(f.gzipBytes), f.status]);
	printTable(['pack', 'raw', 'gzip', 'translation'], rows);
	const total = figures.reduce((n, f) => n + f.gzipBytes, 0);
	console.log(`${figures.length} packs, ${kb(total)} gzip in total → ${out}/index.json`);
	return 0;
}

export function report(dir = 'courses'): number {
	const { problems, courses } = compileTree(fsTree(resolve(dir)));
	const rows: string[][] = [];
	for (const course of courses) {
		for (const lang of packLanguages(course)) {
			const { translated, reviewed } = translationCounts(course, lang);
			const total = course.lessons.length;
			rows.push([course.meta.id, lang, `${translated}/${total}`, String(translated - reviewed), String(reviewed), course.meta.languages.includes(lang) ? 'declared' : 'partial']);
		}
	}
	printTable(['course', 'lang', 'lessons', 'draft', 'reviewed', 'kind'], rows);
	if (problems.length > 0) console.log(`(${problems.length} content problem(s); see npm run courses:check)`);
	return 0;
}

function printTable(head: string[], rows: string[][]): void {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
	console.log(line(head));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const row of rows) console.log(line(row));
}
