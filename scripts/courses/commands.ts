import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileTree, type CompiledCourse } from '../../src/lib/content-compiler/compile-course';
import { allowedLongest, trueFalseBalanced, type Fairness } from '../../src/lib/content-compiler/fairness';
import { averageSentence, lessonMinutes, sentenceLimits, textStats } from '../../src/lib/content-compiler/text-stats';
import { LANGUAGE_CODES } from '../../src/lib/i18n/languages';
import type { SourceTree } from '../../src/lib/content-compiler/source-tree';
import { packLanguages, translationCounts } from '../../src/lib/content-compiler/make-pack';
import { formatProblem, isBlocking } from '../../src/lib/content-compiler/problems';
import { buildKitPacks, buildPacks } from './build-packs';
import type { CompiledKit } from '../../src/lib/content-compiler/trainer-kit';
import { fsTree } from './fs-tree';

/** The three `courses:*` commands. Each returns the process exit code. */

/**
 * Checks everything; answer keys too when they can be read: plain key.yaml, or sealed
 * key.yaml.age opened by run.js with SEEKH_KEYS_IDENTITY (`keys`: assessment folder → text).
 * Says which keys it checked.
 */
export function check(dir = 'courses', keys: Map<string, string> = new Map()): number {
	const root = resolve(dir);
	const { problems, courses, kit } = compileTree(withKeys(fsTree(root), root, keys));
	for (const p of problems) console.log(formatProblem(p));
	if (kit) {
		const guides = [...kit.guides.values()].reduce((n, g) => n + g.size, 0);
		console.error(`trainer kit (${kit.course}): ${guides} facilitator guides in ${kit.languages.join(', ')}`);
	}
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
	const { problems, courses, kit } = compileTree(fsTree(root));
	const blocking = problems.filter(isBlocking);
	for (const p of blocking) console.error(formatProblem(p));
	if (blocking.length > 0 && !allowProblems) {
		console.error(`✗ ${blocking.length} problem(s): no packs written (run courses:check for the list)`);
		return 1;
	}
	const missing = problems.filter((p) => p.kind === 'translation').length;
	if (missing > 0) console.error(`⚠ ${missing} missing translation(s): those parts fall back to Urdu, then English (see courses:report)`);
	const pools = problems.filter((p) => p.kind === 'pool').length;
	if (pools > 0) console.error(`⚠ ${pools} final-assessment pool problem(s): courses:check fails until they are fixed`);
	const quality = problems.filter((p) => p.kind === 'quality');
	for (const p of quality) console.error(`⚠ ${formatProblem(p)}`);
	if (quality.length > 0) console.error(`⚠ ${quality.length} quality problem(s) (minutes, sentence length, fair questions, glossary): packs written, but courses:check fails until they are fixed`);
	const figures = buildPacks(courses, root, resolve(out));
	if (kit) figures.push(...buildKitPacks(kit, resolve(out)));
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const rows = figures.map((f) => [f.file, kb(f.bytes), kb(f.gzipBytes), f.status]);
	printTable(['pack', 'raw', 'gzip', 'translation'], rows);
	const total = figures.reduce((n, f) => n + f.gzipBytes, 0);
	console.log(`${figures.length} packs, ${kb(total)} gzip in total → ${out}/index.json`);
	return 0;
}

export function report(dir = 'courses'): number {
	const { problems, courses, kit } = compileTree(fsTree(resolve(dir)));
	console.log('Courses × languages (every language Seekh speaks; "missing" = no pack)');
	const rows: string[][] = [];
	for (const course of courses) {
		const packed = packLanguages(course);
		for (const lang of LANGUAGE_CODES) {
			const total = course.lessons.length;
			if (!packed.includes(lang)) {
				rows.push([course.meta.id, lang, `0/${total}`, '-', '-', '-', '-', 'missing']);
				continue;
			}
			const { translated, reviewed } = translationCounts(course, lang);
			const easy = course.lessons.filter((l) => l.easy.has(lang)).length;
			const quizzes = course.lessons.filter((l) => l.quiz?.texts.has(lang)).length;
			rows.push([course.meta.id, lang, `${translated}/${total}`, `${easy}/${total}`, `${quizzes}`, String(translated - reviewed), String(reviewed), course.meta.languages.includes(lang) ? 'declared' : 'partial']);
		}
	}
	printTable(['course', 'lang', 'lessons', 'easy', 'quizzes', 'draft', 'reviewed', 'kind'], rows);
	readingReport(courses);
	fairnessReport(courses);
	if (kit) kitReport(kit);
	if (problems.length > 0) console.log(`\n(${problems.length} content problem(s); see npm run courses:check)`);
	return 0;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);

/** Reading time (declared vs computed) and sentence length per course and language. */
function readingReport(courses: CompiledCourse[]): void {
	console.log('\nReading time (minutes: declared in lesson files / computed from the text; course.yaml) and readability (average words per sentence, share over 15 words)');
	const rows: string[][] = [];
	for (const course of courses) {
		for (const [lang, q] of course.quality?.languages ?? []) {
			const s = q.standard;
			const e = q.easy;
			const limit = (easy: boolean) => sentenceLimits(lang, easy).course;
			rows.push([
				course.meta.id,
				lang,
				String(course.meta.minutes),
				`${s.declared}/${Math.round(s.computed)}`,
				s.files ? `${averageSentence(s).toFixed(1)} (<${limit(false)})` : '-',
				pct(s.longSentences, s.sentences),
				e.files ? `${e.declared}/${Math.round(e.computed)}` : '-',
				e.files ? `${averageSentence(e).toFixed(1)} (<${limit(true)})` : '-'
			]);
		}
	}
	printTable(['course', 'lang', 'course.yaml', 'std min', 'std words/sentence', '>15 words', 'easy min', 'easy words/sentence'], rows);
}

function fairnessRow(f: Fairness): string[] {
	const multi = Object.entries(f.multiCounts)
		.sort(([a], [b]) => Number(a) - Number(b))
		.map(([n, c]) => `${n}:${c}`)
		.join(' ');
	return [
		`${f.longest.length}/${f.single} ${pct(f.longest.length, f.single)} (max ${f.single ? allowedLongest(f.single) : 0})`,
		`${f.trueAnswers}/${f.trueFalse} ${pct(f.trueAnswers, f.trueFalse)}${trueFalseBalanced(f.trueFalse, f.trueAnswers) ? '' : ' ✗'}`,
		multi || '-'
	];
}

/**
 * Topics of a pool and how many questions each holds. Needs no key, so it is shown for sealed
 * pools too; a question without a topic never gets this far (courses:check reports it).
 */
function topicSpread(pool: NonNullable<CompiledCourse['pool']>): string {
	const counts = pool.topics.map((t) => pool.questions.filter((q) => q.topic === t).length);
	if (counts.length === 0) return 'no topics';
	return `${counts.length} topics, ${Math.min(...counts)}–${Math.max(...counts)} each`;
}

/** Can the questions be passed by habit? Practice quizzes per language, final pools per language. */
function fairnessReport(courses: CompiledCourse[]): void {
	console.log('\nFair questions: correct option longest (single-choice), "true" share of true/false, multi-select correct counts (count:questions)');
	const rows: string[][] = [];
	for (const course of courses) {
		for (const [lang, q] of course.quality?.languages ?? [])
			if (q.quizzes > 0) rows.push([course.meta.id, `practice (${q.quizzes} quizzes)`, lang, ...fairnessRow(q.fairness)]);
		const pool = course.pool;
		if (!pool) continue;
		const set = `final pool (${pool.questions.length} q, ${topicSpread(pool)})`;
		if (!pool.fairness) rows.push([course.meta.id, set, '-', 'key sealed or unreadable: answer figures skipped', '', '']);
		else for (const [lang, f] of pool.fairness) rows.push([course.meta.id, set, lang, ...fairnessRow(f)]);
	}
	printTable(['course', 'set', 'lang', 'correct is longest', 'true answers', 'multi-select'], rows);
}

/** Trainer kit: guides per language, and how many are reviewed. */
function kitReport(kit: CompiledKit): void {
	console.log(`\nTrainer kit for ${kit.course} (facilitator guides, courses/_trainer-kit)`);
	const rows = kit.languages.map((lang) => {
		const guides = [...kit.guides.values()].flatMap((g) => g.get(lang) ?? []);
		const reviewed = guides.filter((g) => g.status === 'reviewed').length;
		return [lang, `${guides.length}/${kit.guides.size}`, String(reviewed), kit.safeguarding.has(lang) ? 'yes' : 'MISSING'];
	});
	printTable(['lang', 'guides', 'reviewed', 'safeguarding'], rows);
}

function printTable(head: string[], rows: string[][]): void {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
	console.log(line(head));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const row of rows) console.log(line(row));
}

/**
 * Sets every lesson file's `minutes` and each course.yaml's `minutes` to the time computed
 * from the text (the rule courses:check enforces). For authors after a rewrite, and for
 * merges where two branches changed the same course.
 */
export function minutes(dir = 'courses'): number {
	const root = resolve(dir);
	const { courses } = compileTree(fsTree(root));
	const setMinutes = (path: string, value: number) => {
		const text = readFileSync(path, 'utf8');
		const next = text.replace(/^minutes: *\d+ *$/m, `minutes: ${value}`);
		if (next !== text) writeFileSync(path, next);
		return next !== text;
	};
	let changed = 0;
	for (const course of courses) {
		const sums = new Map<string, number>();
		for (const lesson of course.lessons) {
			const quiz = lesson.quiz?.questions.length ?? 0;
			for (const [easy, texts] of [
				[false, lesson.texts],
				[true, lesson.easy]
			] as const) {
				for (const [lang, text] of texts) {
					const computed = lessonMinutes(textStats(text.blocks), lang, quiz);
					if (!easy) sums.set(lang, (sums.get(lang) ?? 0) + computed);
					const file = join(root, course.meta.id, lesson.id, `${lang}${easy ? '.easy' : ''}.md`);
					if (setMinutes(file, Math.max(1, Math.round(computed)))) changed++;
				}
			}
		}
		const declared = course.meta.languages.flatMap((l) => sums.get(l) ?? []);
		if (declared.length === 0) continue;
		const mean = declared.reduce((a, b) => a + b, 0) / declared.length;
		if (setMinutes(join(root, course.meta.id, 'course.yaml'), Math.max(1, Math.round(mean)))) changed++;
	}
	console.error(`✓ ${changed} file(s) updated`);
	return 0;
}
