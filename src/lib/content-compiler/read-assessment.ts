import type { CourseMeta } from './course-meta';
import { answerPatternProblems, lengthProblems, measureFairness, type Fairness } from './fairness';
import { Reporter, type Problem } from './problems';
import {
	readAnswer,
	readQuestionStructure,
	readQuestionText,
	type QuestionStructure,
	type QuizText
} from './quiz-source';
import { checkIdList, isRecord } from './yaml-checks';
import { displayPath, type SourceTree } from './source-tree';
import { YamlSource } from './yaml-source';

/**
 * The final-assessment pool: structure and text go into packs, `key.yaml` is only checked
 * here (ids and options must match the pool) and never leaves the server side.
 */
export interface CompiledPool {
	questions: QuestionStructure[];
	topics: string[];
	texts: Map<string, QuizText>;
	/** 'checked' (plain key.yaml), 'sealed' (only key.yaml.age: structure checked, key not). */
	key: 'checked' | 'sealed' | 'missing';
	/**
	 * Fairness figures per language text, when the key could be read. Only figures: the
	 * answers themselves never enter the compiled course.
	 */
	fairness: Map<string, Fairness> | null;
	/** Lessons to reread per topic, for the "revise" links after a result (may be empty). */
	revise: Record<string, string[]>;
}

/** A pool must hold at least this many times the questions drawn per attempt. */
export const POOL_FACTOR = 3;

/** The sealed answer key (age, docs/certification.md "Authoring answer keys"). */
export const SEALED_KEY = 'key.yaml.age';

const POOL_TEXT = /^pool\.([a-z]{2,3}(?:-[A-Za-z]{4})?)\.yaml$/;

export function readAssessment(
	tree: SourceTree,
	course: string,
	meta: CourseMeta,
	problems: Problem[],
	courseSrc: YamlSource
): CompiledPool | null {
	const dir = `${course}/assessment`;
	const entries = tree.list(dir);
	const rep = (name: string) => new Reporter(displayPath(tree, `${dir}/${name}`), problems);
	const yaml = (name: string) => {
		const text = tree.readText(`${dir}/${name}`);
		return text === null ? null : new YamlSource(text, rep(name));
	};
	if (meta.assessment.kind === 'practice') {
		if (entries)
			new Reporter(displayPath(tree, dir), problems).report(
				1,
				'assessment folder in a course whose assessment.kind is practice'
			);
		return null;
	}
	const poolSrc = entries && yaml('pool.yaml');
	if (!poolSrc) {
		courseSrc.report(['assessment'], 'a final assessment needs assessment/pool.yaml');
		return null;
	}
	const structure = readQuestionStructure(poolSrc, 'pool');
	checkDrawable(poolSrc, structure, meta.assessment.draw);
	const revise = readRevise(poolSrc, structure.topics, meta.lessons);
	const texts = new Map<string, QuizText>();
	const langs = [...meta.languages, ...meta.partialLanguages];
	for (const entry of entries ?? []) {
		const lang = POOL_TEXT.exec(entry.name)?.[1];
		if (entry.name === 'pool.yaml' || entry.name === 'key.yaml' || entry.name === SEALED_KEY) continue;
		if (!lang) rep(entry.name).report(1, `unexpected file "${entry.name}" in assessment/`);
		else if (!langs.includes(lang))
			rep(entry.name).report(1, `language "${lang}" is not declared in course.yaml`);
		else {
			const src = yaml(entry.name);
			const text = src && readQuestionText(src, 'pool', structure);
			if (text) texts.set(lang, text);
		}
	}
	for (const lang of meta.languages)
		if (!texts.has(lang) && !entries?.some((e) => e.name === `pool.${lang}.yaml`))
			poolSrc.reporter.report(1, `pool has no text file pool.${lang}.yaml`, 'translation');
	const plainKey = yaml('key.yaml');
	const sealed = !plainKey && !!entries?.some((e) => e.name === SEALED_KEY);
	// A sealed key cannot be read without the identity: the structure is still checked above,
	// and the answer-based fairness figures are skipped (courses:report says so).
	const answers = sealed ? null : checkKey(plainKey, structure.questions, structure.declared, poolSrc);
	let fairness: Map<string, Fairness> | null = null;
	if (answers) {
		fairness = new Map();
		const answered = structure.questions.flatMap((q) => {
			const answer = answers.get(q.id);
			return answer ? [{ ...q, answer }] : [];
		});
		const empty: QuizText = { status: 'draft', topics: {}, questions: {} };
		for (const p of answerPatternProblems(measureFairness(answered, empty), true))
			poolSrc.reporter.report(1, p, 'quality');
		for (const [lang, text] of texts) {
			const f = measureFairness(answered, text);
			for (const p of lengthProblems(f)) rep(`pool.${lang}.yaml`).report(1, p, 'quality');
			fairness.set(lang, f);
		}
	}
	const key = plainKey ? 'checked' : sealed ? 'sealed' : 'missing';
	return { questions: structure.questions, topics: structure.topics, texts, key, fairness, revise };
}

/**
 * `revise:` in pool.yaml maps a topic to the lessons that teach it, so a learner told to
 * revise a topic gets links to those lessons, not just the course. Optional; every topic and
 * lesson named must exist.
 */
function readRevise(src: YamlSource, topics: string[], lessons: string[]): Record<string, string[]> {
	const value = isRecord(src.value) ? src.value.revise : undefined;
	if (value === undefined || value === null) return {};
	if (!isRecord(value)) {
		src.report(['revise'], '"revise" must map a topic to a list of lesson ids');
		return {};
	}
	const revise: Record<string, string[]> = {};
	for (const [topic, list] of Object.entries(value)) {
		if (!topics.includes(topic)) {
			src.report(['revise', topic], `unknown topic "${topic}" (not in "topics")`);
			continue;
		}
		const ids = checkIdList(src, ['revise', topic], list);
		const unknown = ids.filter((id) => !lessons.includes(id));
		for (const id of unknown)
			src.report(['revise', topic], `unknown lesson "${id}" (not in course.yaml "lessons")`);
		if (ids.length && !unknown.length) revise[topic] = ids;
	}
	return revise;
}

/**
 * Pools large enough that a key cannot be learnt from a few attempts (>= 3 × draw), and draws
 * that cover every topic: the server gives each topic floor(draw / topics) questions plus one
 * for some, so draw must be >= the number of topics and each topic must hold its share.
 */
function checkDrawable(
	poolSrc: YamlSource,
	structure: { questions: QuestionStructure[]; topics: string[] },
	draw: number
): void {
	const { questions, topics } = structure;
	if (questions.length < POOL_FACTOR * draw)
		poolSrc.reporter.report(
			1,
			`the pool has ${questions.length} questions; it must hold at least ${POOL_FACTOR} × draw (${POOL_FACTOR * draw})`,
			'pool'
		);
	if (topics.length === 0) return;
	if (draw < topics.length)
		poolSrc.reporter.report(
			1,
			`draw (${draw}) is smaller than the number of topics (${topics.length}): some attempts would miss a topic`,
			'pool'
		);
	const share = Math.ceil(draw / topics.length);
	for (const topic of topics) {
		const count = questions.filter((q) => q.topic === topic).length;
		if (count < share)
			poolSrc.report(
				['topics'],
				`topic "${topic}" has ${count} question(s); every attempt draws up to ${share} from it`,
				'pool'
			);
	}
}

/** Checks the key; returns the answers when it is readable (null when missing or sealed). */
function checkKey(
	src: YamlSource | null,
	questions: QuestionStructure[],
	/** Ids the pool names, valid or not: a broken question is reported once, in pool.yaml. */
	declared: Set<string>,
	poolSrc: YamlSource
): Map<string, string[]> | null {
	if (!src) {
		poolSrc.reporter.report(1, 'the pool has no answer key (assessment/key.yaml)');
		return null;
	}
	if (src.failed) return null;
	if (!isRecord(src.value)) {
		src.report([], 'key.yaml must map question ids to answer lists');
		return null;
	}
	const answers = new Map<string, string[]>();
	for (const [id, answer] of Object.entries(src.value)) {
		const q = questions.find((x) => x.id === id);
		if (!q) {
			if (!declared.has(id)) src.report([id], `key for unknown question "${id}"`);
		} else {
			const list = readAnswer(src, [id], answer, q.type, q.options);
			if (list) answers.set(id, list);
		}
	}
	for (const q of questions)
		if (!(q.id in src.value)) src.report([], `question "${q.id}" has no answer in key.yaml`);
	return answers;
}
