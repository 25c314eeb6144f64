import { join, resolve } from 'node:path';
import type { SourceTree } from '../../src/lib/content/source-tree';
import { compileTree } from '../../src/lib/content/compile-course';
import { packLanguages, translationCounts } from '../../src/lib/content/make-pack';
import { formatProblem, isBlocking } from '../../src/lib/content/problems';
import { buildPacks } from './build-packs';
import { fsTree } from './fs-tree';

/** The three `courses:*` commands. Each returns the process exit code. */

/**
 * Checks everything; answer keys too when they can be read: plain key.yaml, or sealed
 * key.yaml.age opened by run.js with SEEKH_KEYS_IDENTITY (`keys`: assessment folder → text).
 * Says which keys it checked.
 */
export function check(dir = 'courses', keys: Map<string, string> = new Map()): number {
	const root = resolve(dir);
	const { problems, courses } = compileTree(withKeys(fsTree(root), root, keys));
	for (const p of problems) console.log(formatProblem(p));
	const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
	const pools = courses.filter((c) => c.pool);
	const checked = pools.filter((c) => c.pool?.key === 'checked').map((c) => c.meta.id);
	const sealed = pools.filter((c) => c.pool?.key === 'sealed').map((c) => c.meta.id);
	if (checked.length > 0) console.error(`answer keys checked: ${checked.join(', ')}`);
	if (sealed.length > 0)
		console.error(`answer keys NOT checked (sealed; set SEEKH_KEYS_IDENTITY to check them): ${sealed.join(', ')}`);
	console.error(problems.length === 0 ? `✓ ${courses.length} courses, ${lessons} lessons: no problems` : `✗ ${problems.length} problem(s)`);
	return problems.length === 0 ? 0 : 1;
}

/** The tree with decrypted keys in place of the missing key.yaml files (in memory only). */
function withKeys(tree: SourceTree, root: string, keys: Map<string, string>): SourceTree {
	const plain = (path: string) => (path.endsWith('/assessment/key.yaml') ? keys.get(join(root, path.slice(0, -'/key.yaml'.length))) : undefined);
	return {
		...tree,
		list: (dir) => tree.list(dir),
		readText: (path) => plain(path) ?? tree.readText(path),
		readBytes: (path) => {
			const text = plain(path);
			return text === undefined ? tree.readBytes(path) : new TextEncoder().encode(text);
		}
	};
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
	const pools = problems.filter((p) => p.kind === 'pool').length;
	if (missing - pools > 0) console.error(`⚠ ${missing - pools} missing translation(s): those parts fall back to Urdu, then English (see courses:report)`);
	if (pools > 0) console.error(`⚠ ${pools} final-assessment pool problem(s): courses:check fails until they are fixed`);
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
