// Loads final-assessment pools AND answer keys (courses/*/assessment/{pool,key}.yaml) into
// tables no client role can read (private.assessment_config, private.assessment_questions).
// The SQL is generated at stack start and applied straight away, never written into the repo,
// so keys exist only in courses/ (sealed with age, scripts/answer-keys.js) and the server's
// database. Sealed keys are opened in memory with SEEKH_KEYS_IDENTITY; without it a sealed
// course is named and left out (no attempts for it), never seeded with a guessed key.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { keysIdentity, readSealedKeys, SEALED } from './answer-keys.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TYPES = ['single', 'multiple', 'true-false'];

/** @param {string} value */
const quote = (value) => `'${value.replaceAll("'", "''")}'`;
/** @param {string[]} values */
const textArray = (values) => `array[${values.map(quote).join(', ')}]::text[]`;

/**
 * @typedef {{ id: string, topic: string, type: string, options: string[], answer: string[], text: Record<string, unknown> }} Question
 * @typedef {{ courseId: string, title: string, description: string, programme: string, passMark: number,
 *   draw: number, attempts: number, cooldownHours: number, demonstration: boolean, questions: Question[],
 *   topics: Record<string, Record<string, string>> }} Assessment
 */

/**
 * Reads every course with `assessment.kind: final`. A course whose files are broken (being
 * edited, or a key that would grade learners wrongly) is left out and named in `problems`:
 * no attempt can be drawn from it until it is fixed, and the rest of the backend still starts.
 * @param {string} coursesDir
 * @param {Map<string, string>} [openedKeys] assessment folder → key.yaml text (from sealed files)
 * @returns {{ assessments: Assessment[], problems: string[] }}
 */
export function readAssessments(coursesDir, openedKeys = new Map()) {
	/** @type {Assessment[]} */
	const assessments = [];
	/** @type {string[]} */
	const problems = [];
	if (!existsSync(coursesDir)) return { assessments, problems };
	for (const entry of readdirSync(coursesDir, { withFileTypes: true })) {
		try {
			const found = readOne(join(coursesDir, entry.name), openedKeys);
			if (found) assessments.push(found);
		} catch (error) {
			const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
			problems.push(message.startsWith('/') ? message : `${join(coursesDir, entry.name)}: ${message}`);
		}
	}
	assessments.sort((x, y) => x.courseId.localeCompare(y.courseId));
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
	return readAssessments(coursesDir, keys);
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
 * @param {string} dir
 * @param {Map<string, string>} openedKeys
 * @returns {Assessment | null}
 */
function readOne(dir, openedKeys) {
	const courseFile = join(dir, 'course.yaml');
	if (!existsSync(courseFile)) return null;
	/** @type {any} */
	const course = parse(readFileSync(courseFile, 'utf8')) ?? {};
	if (course.assessment?.kind !== 'final') return null;
	const poolFile = join(dir, 'assessment', 'pool.yaml');
	const keyFile = join(dir, 'assessment', 'key.yaml');
	const sealedFile = join(dir, 'assessment', SEALED);
	const opened = openedKeys.get(join(dir, 'assessment'));
	if (existsSync(poolFile) && !existsSync(keyFile) && opened === undefined && existsSync(sealedFile))
		throw new Error(
			`${sealedFile}: the answer key is sealed and SEEKH_KEYS_IDENTITY is not set: not seeded, no final attempts for this course (docs/certification.md)`
		);
	// A final assessment still being written has no pool yet: skip it, no certificate possible.
	if (!existsSync(poolFile) || (!existsSync(keyFile) && opened === undefined)) return null;
	/** @type {any} */
	const pool = parse(readFileSync(poolFile, 'utf8')) ?? {};
	/** @type {Record<string, unknown>} */
	const key = parse(existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : (opened ?? '')) ?? {};
	const a = course.assessment;
	const fail = (/** @type {string} */ file, /** @type {string} */ message) => {
		throw new Error(`${file}: ${message}`);
	};
	for (const n of ['pass_mark', 'draw', 'attempts', 'cooldown_hours'])
		if (!Number.isInteger(a[n]) || a[n] < 0) fail(courseFile, `assessment.${n} must be a whole number`);
	if (a.pass_mark > 100 || a.draw < 1 || a.attempts < 1) fail(courseFile, 'assessment numbers out of range');
	const topics = new Set((pool.topics ?? []).map(String));
	// Text per language (pool.<lang>.yaml); a missing language file just has no text.
	/** @type {Record<string, any>} */
	const texts = {};
	for (const lang of Array.isArray(course.languages) ? course.languages.map(String) : ['en']) {
		const file = join(dir, 'assessment', `pool.${lang}.yaml`);
		if (existsSync(file)) texts[lang] = parse(readFileSync(file, 'utf8')) ?? {};
	}
	/** @type {Question[]} */
	const questions = [];
	for (const q of pool.questions ?? []) {
		const id = String(q.id);
		if (!ID.test(id)) fail(poolFile, `question id ${id} is not kebab-case`);
		if (!TYPES.includes(q.type)) fail(poolFile, `${id}: unknown type ${q.type}`);
		if (!topics.has(String(q.topic))) fail(poolFile, `${id}: topic ${q.topic} is not in topics`);
		const options = q.type === 'true-false' ? ['true', 'false'] : (q.options ?? []).map(String);
		const answer = Array.isArray(key[id]) ? key[id].map(String) : null;
		if (!answer || answer.length === 0) fail(keyFile, `${id} has no answer`);
		else if (answer.some((o) => !options.includes(o)))
			fail(keyFile, `${id}: answer is not one of its options`);
		else if (q.type !== 'multiple' && answer.length !== 1)
			fail(keyFile, `${id}: ${q.type} needs exactly one answer`);
		/** @type {Record<string, unknown>} */
		const text = {};
		for (const [lang, doc] of Object.entries(texts)) if (doc.questions?.[id]) text[lang] = doc.questions[id];
		questions.push({ id, topic: String(q.topic), type: q.type, options, answer: answer ?? [], text });
	}
	for (const id of Object.keys(key))
		if (!questions.some((q) => q.id === id)) fail(keyFile, `${id} is not in the pool`);
	if (questions.length <= a.draw) fail(poolFile, `pool has ${questions.length} questions; draw is ${a.draw}`);
	return {
		courseId: String(course.id),
		title: String(course.title?.en ?? course.id),
		description: String(course.summary?.en ?? '').trim(),
		programme: String(course.programme),
		passMark: a.pass_mark,
		draw: a.draw,
		attempts: a.attempts,
		cooldownHours: a.cooldown_hours,
		// Train-the-Trainer (and any course that says so) also needs an assessor's approved rubric.
		demonstration: a.demonstration === true || course.programme === 'trainers',
		topics: Object.fromEntries(Object.entries(texts).map(([lang, doc]) => [lang, doc.topics ?? {}])),
		questions
	};
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
	for (const dir of extra) sql += catalogueSql(readCatalogue(dir));
	for (const dir of [join(rootDir, 'courses'), ...extra]) {
		const standIn = process.env.SEEKH_TEST_STAND_IN_KEYS === '1';
		const { assessments, problems } = await readAssessmentsOpened(dir, { standIn });
		for (const p of problems) warn(`assessment seed: skipped ${p}`);
		sql += assessmentSql(assessments);
	}
	return sql;
}
