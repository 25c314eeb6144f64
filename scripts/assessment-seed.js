// Loads final-assessment pools AND answer keys (courses/*/assessment/{pool,key}.yaml) into
// tables no client role can read (private.assessment_config, private.assessment_questions).
// The SQL is generated at stack start and applied straight away, never written into the repo,
// so keys exist only in courses/ (sealed with age, scripts/answer-keys.js) and the server's
// database. Sealed keys are opened in memory with SEEKH_KEYS_IDENTITY; without it a sealed
// course is left out (no attempts for it), never seeded with a guessed key.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { keysIdentity, readSealedKeys, SEALED } from './answer-keys.js';
import { loadServerSeedReader } from './courses/load-compiler.js';

/** @param {string} value */
const quote = (value) => `'${value.replaceAll("'", "''")}'`;
/** @param {string[]} values */
const textArray = (values) => `array[${values.map(quote).join(', ')}]::text[]`;

/**
 * @typedef {import('../src/lib/content-compiler/server-seed').SeedAssessment} Assessment
 * @typedef {import('./courses/server-seed').ReadText} ReadText
 */

/**
 * Reads every course with `assessment.kind: final` through the course compiler (the same parse
 * and checks as `courses:check`; no second reader that could drift and grade wrongly). A course
 * whose files are broken (being edited, or a key that would grade learners wrongly) is left out
 * and named in `problems`: no attempt can be drawn from it until it is fixed, and the rest of
 * the backend still starts. `readText` is where every course file's text comes from (see
 * scripts/courses/server-seed.ts): the hook for keys that are stored sealed.
 * @param {string} coursesDir
 * @param {{ readText?: ReadText }} [options]
 * @returns {Promise<{ assessments: Assessment[], problems: string[] }>}
 */
export async function readAssessments(coursesDir, options = {}) {
	const { readServerSeedFromDisk } = await loadServerSeedReader();
	const { assessments, problems } = readServerSeedFromDisk(coursesDir, options.readText);
	return { assessments, problems };
}

/**
 * Like readAssessments, opening sealed keys with the identity from the environment.
 * `standIn` (local stack under test only): a sealed course with no identity gets a made-up key
 * (standInKey), so tests can sit real pools without the real key existing anywhere in plain.
 * @param {string} coursesDir
 * @param {{ standIn?: boolean }} [options]
 */
export async function readAssessmentsOpened(coursesDir, options = {}) {
	const { keys, sealedWithoutIdentity } = await readSealedKeys(coursesDir, keysIdentity());
	if (options.standIn)
		for (const dir of sealedWithoutIdentity) keys.set(dir, stringify(standInKey(join(dir, '..'))));
	// The compiler reads key.yaml through this hook: an opened sealed key stands in for the file.
	const read = await readAssessments(coursesDir, {
		readText: (path, read) => {
			const match = /^(.+)\/assessment\/key\.yaml$/.exec(path);
			const opened = match ? keys.get(join(coursesDir, match[1] ?? '', 'assessment')) : undefined;
			return opened ?? read(path);
		}
	});
	// Named, so an operator sees why a course has no final attempts (never seeded with a guess).
	if (!options.standIn)
		for (const dir of sealedWithoutIdentity)
			read.problems.push(
				`${join(dir, SEALED)}: the answer key is sealed and SEEKH_KEYS_IDENTITY is not set: not seeded, no final attempts for this course (docs/certification.md)`
			);
	return read;
}

/**
 * A made-up key for a pool: the first option of every question (true for true/false). It is a
 * function of the public pool alone, so it says nothing about the real key.
 * @param {string} courseDir
 * @returns {Record<string, string[]>}
 */
export function standInKey(courseDir) {
	/** @type {any} */
	const pool = parse(readFileSync(join(courseDir, 'assessment', 'pool.yaml'), 'utf8')) ?? {};
	return Object.fromEntries(
		(pool.questions ?? []).map((/** @type {any} */ q) => [
			String(q.id),
			[q.type === 'true-false' ? 'true' : String((q.options ?? [])[0])]
		])
	);
}

/**
 * The key the local stack seeds for a course, as tests must answer it: the plain key.yaml when
 * an author has one, else the stand-in key (tests run with SEEKH_TEST_STAND_IN_KEYS=1).
 * @param {string} courseDir
 * @returns {Record<string, string[]>}
 */
export function keyAsSeededForTests(courseDir) {
	const plain = join(courseDir, 'assessment', 'key.yaml');
	if (existsSync(plain)) {
		/** @type {Record<string, unknown[]>} */
		const key = parse(readFileSync(plain, 'utf8')) ?? {};
		return Object.fromEntries(Object.entries(key).map(([q, a]) => [q, a.map(String)]));
	}
	return standInKey(courseDir);
}

/**
 * Idempotent SQL: upserts config and questions; questions no longer in a pool are retired
 * (never deleted: attempts already drawn must still grade against them).
 * @param {Assessment[]} assessments
 */
export function assessmentSql(assessments) {
	const lines = ['-- Generated from courses/*/assessment at stack start. Holds answer keys: never commit.'];
	for (const a of assessments) {
		lines.push(
			`insert into private.assessment_config (course_id, title, description, pass_mark, draw, attempts, cooldown_hours, requires_demonstration, topics)`,
			`  select ${quote(a.courseId)}, ${quote(a.title)}, ${quote(a.description)}, ${a.passMark}, ${a.draw}, ${a.attempts}, ${a.cooldownHours}, ${a.demonstration}, ${quote(JSON.stringify(a.topics))}::jsonb`,
			`  where exists (select 1 from public.courses where id = ${quote(a.courseId)})`,
			`on conflict (course_id) do update set title = excluded.title, description = excluded.description,`,
			`  pass_mark = excluded.pass_mark, draw = excluded.draw, attempts = excluded.attempts,`,
			`  cooldown_hours = excluded.cooldown_hours, requires_demonstration = excluded.requires_demonstration, topics = excluded.topics;`,
			`insert into private.assessment_questions (course_id, question_id, topic, type, options, answer, text, retired)`,
			`  select v.* from (values`,
			a.questions
				.map(
					(q) =>
						`    (${quote(a.courseId)}, ${quote(q.id)}, ${quote(q.topic)}, ${quote(q.type)}, ${textArray(q.options)}, ${textArray(q.answer)}, ${quote(JSON.stringify(q.text))}::jsonb, false)`
				)
				.join(',\n'),
			`  ) as v(course_id, question_id, topic, type, options, answer, text, retired)`,
			`  where exists (select 1 from private.assessment_config where course_id = ${quote(a.courseId)})`,
			`on conflict (course_id, question_id) do update set topic = excluded.topic, type = excluded.type,`,
			`  options = excluded.options, answer = excluded.answer, text = excluded.text, retired = false;`,
			`update private.assessment_questions set retired = true where course_id = ${quote(a.courseId)}`,
			`  and question_id <> all (${textArray(a.questions.map((q) => q.id))});`
		);
	}
	return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const dir =
		process.argv.slice(2).find((a) => !a.startsWith('--')) ??
		fileURLToPath(new URL('../courses', import.meta.url));
	const { assessments, problems } = await readAssessmentsOpened(dir);
	// `--sql` prints the seed for a hosted database: node scripts/assessment-seed.js courses --sql | psql
	if (process.argv.includes('--sql')) process.stdout.write(assessmentSql(assessments));
	else
		for (const a of assessments)
			console.log(`${a.courseId}: ${a.questions.length} questions, draw ${a.draw}`);
	for (const p of problems) console.error(p);
	process.exitCode = problems.length > 0 ? 1 : 0;
}

/**
 * What the local stack applies at every start: pools and keys from `courses/`, plus any fixture
 * course folders named in SEEKH_EXTRA_COURSES (path-delimited; tests), catalogue included.
 * @param {string} rootDir the repository root
 * @param {(line: string) => void} [warn]
 */
export async function stackAssessmentSql(rootDir, warn = (line) => console.warn(line)) {
	const { catalogueSql, readCatalogue } = await import('./db-seed.js');
	const extra = (process.env.SEEKH_EXTRA_COURSES ?? '').split(delimiter).filter(Boolean);
	let sql = '';
	for (const dir of extra) sql += catalogueSql(await readCatalogue(dir));
	for (const dir of [join(rootDir, 'courses'), ...extra]) {
		const standIn = process.env.SEEKH_TEST_STAND_IN_KEYS === '1';
		const { assessments, problems } = await readAssessmentsOpened(dir, { standIn });
		for (const p of problems) warn(`assessment seed: skipped ${p}`);
		sql += assessmentSql(assessments);
	}
	return sql;
}
