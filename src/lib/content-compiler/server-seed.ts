import { compileTree, type CompiledCourse } from './compile-course';
import { formatProblem, isBlocking, Reporter, type Problem } from './problems';
import type { QuestionType } from '../content/pack-types';
import { readAnswer } from './quiz-source';
import { displayPath, type SourceTree } from './source-tree';
import { isRecord } from './yaml-checks';
import { YamlSource } from './yaml-source';

/**
 * What the server is seeded with, read by the compiler itself (the same parse and the same
 * checks as `courses:check`), so the catalogue, the pools and the answer keys that grade
 * learners can never be read differently from what authors were told is valid.
 * scripts/db-seed.js and scripts/assessment-seed.js turn this into SQL.
 */
export interface CatalogueRow {
	id: string;
	programme: string;
	assessment: 'final' | 'practice';
	lessons: string[];
}

export interface SeedQuestion {
	id: string;
	topic: string;
	type: QuestionType;
	options: string[];
	/** From key.yaml: only ever written to the server's private tables. */
	answer: string[];
	/** Question text per language, as packs carry it. */
	text: Record<string, unknown>;
}

export interface SeedAssessment {
	courseId: string;
	title: string;
	description: string;
	programme: string;
	passMark: number;
	draw: number;
	attempts: number;
	cooldownHours: number;
	demonstration: boolean;
	topics: Record<string, Record<string, string>>;
	questions: SeedQuestion[];
}

export interface ServerSeed {
	catalogue: CatalogueRow[];
	assessments: SeedAssessment[];
	/** Why a course's final assessment was left out (`path:line: message`). */
	problems: string[];
}

/**
 * Every course whose course.yaml is valid goes into the catalogue (lessons being edited must not
 * stop the backend). A final assessment goes in only when course.yaml and its assessment files
 * have no blocking problem: a broken key would grade learners wrongly.
 */
export function readServerSeed(tree: SourceTree): ServerSeed {
	const { courses, problems } = compileTree(tree);
	const catalogue = courses
		.map(({ meta }) => ({
			id: meta.id,
			programme: meta.programme,
			assessment: meta.assessment.kind,
			lessons: [...meta.lessons]
		}))
		.sort((a, b) => a.id.localeCompare(b.id));
	const assessments: SeedAssessment[] = [];
	const skipped: string[] = [];
	for (const course of courses) {
		if (course.meta.assessment.kind !== 'final' || !course.pool) continue;
		const dir = displayPath(tree, course.meta.id);
		const blocking = problems.filter(
			(p) => isBlocking(p) && (p.file === `${dir}/course.yaml` || p.file.startsWith(`${dir}/assessment/`))
		);
		const found = blocking.length === 0 ? seedAssessment(tree, course) : null;
		if (found) assessments.push(found);
		else
			skipped.push(
				...(blocking.length ? blocking.map(formatProblem) : [`${dir}/assessment/key.yaml:1: unreadable`])
			);
	}
	assessments.sort((x, y) => x.courseId.localeCompare(y.courseId));
	return { catalogue, assessments, problems: skipped };
}

function seedAssessment(tree: SourceTree, course: CompiledCourse): SeedAssessment | null {
	const { meta, pool } = course;
	if (meta.assessment.kind !== 'final' || !pool) return null;
	const keys = readKey(tree, meta.id, pool.questions);
	if (!keys) return null;
	const rule = meta.assessment as typeof meta.assessment & { demonstration?: boolean };
	return {
		courseId: meta.id,
		title: meta.title.en ?? meta.id,
		description: (meta.summary.en ?? '').trim(),
		programme: meta.programme,
		passMark: rule.pass_mark,
		draw: rule.draw,
		attempts: rule.attempts,
		cooldownHours: rule.cooldown_hours,
		// Train-the-Trainer (and any course that says so) also needs an assessor's approved rubric.
		demonstration: rule.demonstration === true || meta.programme === 'trainers',
		topics: Object.fromEntries([...pool.texts].map(([lang, text]) => [lang, text.topics])),
		questions: pool.questions.map((q) => ({
			id: q.id,
			topic: q.topic ?? '',
			type: q.type,
			options: [...q.options],
			answer: keys.get(q.id) ?? [],
			text: Object.fromEntries(
				[...pool.texts].flatMap(([lang, text]) => {
					const found = text.questions[q.id];
					if (!found) return [];
					// Empty explanation and options (true/false) are the compiler's defaults, not
					// authored text: leave them out, as the source files do.
					const { explanation, options, ...rest } = found;
					return [
						[
							lang,
							{
								...rest,
								...(Object.keys(options).length ? { options } : {}),
								...(explanation ? { explanation } : {})
							}
						]
					];
				})
			)
		}))
	};
}

/**
 * key.yaml through the compiler's own answer rule (`readAnswer`), which `courses:check` has
 * already applied; null when anything is missing, so no course is seeded with a partial key.
 */
function readKey(
	tree: SourceTree,
	course: string,
	questions: readonly { id: string; type: QuestionType; options: string[] }[]
): Map<string, string[]> | null {
	const path = `${course}/assessment/key.yaml`;
	const text = tree.readText(path);
	if (text === null) return null;
	const problems: Problem[] = [];
	const src = new YamlSource(text, new Reporter(path, problems));
	if (src.failed || !isRecord(src.value)) return null;
	const keys = new Map<string, string[]>();
	for (const q of questions) {
		const answer = readAnswer(src, [q.id], src.value[q.id], q.type, q.options);
		if (answer) keys.set(q.id, answer);
	}
	return problems.length === 0 && keys.size === questions.length ? keys : null;
}
