import type { QuestionType, TranslationStatus } from '../content/pack-types';
import {
	checkIdList,
	checkId,
	checkMapping,
	checkOneOf,
	checkString,
	isRecord,
	type Path
} from './yaml-checks';
import type { YamlSource } from './yaml-source';

/**
 * Practice quizzes (`quiz.yaml` + `quiz.<lang>.yaml`) and final-assessment pools
 * (`pool.yaml` + `pool.<lang>.yaml`) share one shape: structure in one file, text per
 * language. Answers are option ids; pools carry none (their key is server-only).
 */
export interface QuestionStructure {
	id: string;
	type: QuestionType;
	options: string[];
	answer: string[];
	topic?: string;
}

export interface QuestionText {
	prompt: string;
	options: Record<string, string>;
	explanation: string;
}

export interface QuizText {
	status: TranslationStatus;
	topics: Record<string, string>;
	questions: Record<string, QuestionText>;
}

const TYPES: readonly QuestionType[] = ['single', 'multiple', 'true-false'];
const TRUE_FALSE = ['true', 'false'];

export type QuizKind = 'quiz' | 'pool';

/** Reads the structure file; `topics` are the pool's declared topics (pools only). */
export interface QuestionSet {
	questions: QuestionStructure[];
	topics: string[];
	/** Every id the structure names, valid or not: text for them is not "unknown". */
	declared: Set<string>;
}

export function readQuestionStructure(src: YamlSource, kind: QuizKind): QuestionSet {
	const v = src.value;
	const keys = kind === 'pool' ? ['topics', 'questions'] : ['questions'];
	const declared = new Set<string>();
	// `revise` (pool only): which lessons to reread per topic, checked by readAssessment.
	const optional = kind === 'pool' ? ['revise'] : [];
	if (!checkMapping(src, [], v, keys, optional)) return { questions: [], topics: [], declared };
	const topics = kind === 'pool' ? checkIdList(src, ['topics'], v.topics) : [];
	if (!Array.isArray(v.questions)) {
		if (v.questions !== undefined && v.questions !== null)
			src.report(['questions'], '"questions" must be a list');
		return { questions: [], topics, declared };
	}
	const seen = new Set<string>();
	const questions: QuestionStructure[] = [];
	v.questions.forEach((q, i) => {
		const path: Path = ['questions', i];
		// A pool's `topic` is checked below with its own message: it is what lets every
		// attempt draw from every topic (docs/content-format.md, "Fair questions").
		const required = kind === 'pool' ? ['id', 'type'] : ['id', 'type', 'answer'];
		const optional = kind === 'pool' ? ['options', 'topic'] : ['options'];
		if (!checkMapping(src, path, q, required, optional)) return;
		if (!checkId(src, [...path, 'id'], q.id)) return;
		declared.add(q.id);
		if (seen.has(q.id)) return src.report([...path, 'id'], `duplicate question id "${q.id}"`);
		seen.add(q.id);
		if (!checkOneOf(src, [...path, 'type'], q.type, TYPES)) return;
		let options: string[];
		if (q.type === 'true-false') {
			if (q.options !== undefined)
				src.report(
					[...path, 'options'],
					'true-false questions have no options (their ids are true and false)'
				);
			options = TRUE_FALSE;
		} else {
			options = checkIdList(src, [...path, 'options'], q.options);
			if (options.length < 2) return src.report(path, `question "${q.id}" needs at least two options`);
		}
		let topic: string | undefined;
		if (kind === 'pool') {
			if (q.topic === undefined || q.topic === null)
				return src.report(
					path,
					`question "${q.id}" has no topic: every final-pool question needs one from "topics" (${topics.join(', ')})`
				);
			if (!checkId(src, [...path, 'topic'], q.topic)) return;
			if (!topics.includes(q.topic))
				return src.report([...path, 'topic'], `unknown topic "${q.topic}" (not in "topics")`);
			topic = q.topic;
		}
		const answer = kind === 'quiz' ? readAnswer(src, [...path, 'answer'], q.answer, q.type, options) : [];
		if (answer === null) return;
		questions.push({ id: q.id, type: q.type, options, answer, ...(topic ? { topic } : {}) });
	});
	return { questions, topics, declared };
}

/** Checks an answer list against the question's option ids; also used for `key.yaml`. */
export function readAnswer(
	src: YamlSource,
	path: Path,
	value: unknown,
	type: QuestionType,
	options: readonly string[]
): string[] | null {
	const list = Array.isArray(value) ? value.map((a) => (typeof a === 'boolean' ? String(a) : a)) : null;
	if (!list || list.length === 0) {
		src.report(path, 'the answer must be a list of option ids, e.g. [b]');
		return null;
	}
	for (const id of list) {
		if (typeof id !== 'string' || !options.includes(id)) {
			src.report(path, `answer "${String(id)}" is not one of the options (${options.join(', ')})`);
			return null;
		}
	}
	if (type !== 'multiple' && list.length !== 1) {
		src.report(path, `a ${type} question has exactly one answer`);
		return null;
	}
	if (new Set(list).size !== list.length) {
		src.report(path, 'the answer lists an option twice');
		return null;
	}
	return list as string[];
}

/** Reads a language's text file against the structure: every question, every option. */
export function readQuestionText(src: YamlSource, kind: QuizKind, structure: QuestionSet): QuizText | null {
	const v = src.value;
	const keys = kind === 'pool' ? ['status', 'topics', 'questions'] : ['status', 'questions'];
	if (!checkMapping(src, [], v, keys)) return null;
	checkOneOf(src, ['status'], v.status, ['draft', 'reviewed']);
	const topics: Record<string, string> = {};
	if (kind === 'pool' && isRecord(v.topics)) {
		for (const [id, text] of Object.entries(v.topics)) {
			if (!structure.topics.includes(id)) src.report(['topics', id], `unknown topic "${id}"`);
			else if (checkString(src, ['topics', id], text)) topics[id] = text;
		}
		for (const id of structure.topics)
			if (!(id in v.topics)) src.report(['topics'], `topic "${id}" has no text`);
	}
	if (!isRecord(v.questions)) {
		if (v.questions !== undefined && v.questions !== null)
			src.report(['questions'], '"questions" must map question ids to their text');
		return null;
	}
	const questions: Record<string, QuestionText> = {};
	for (const [id, q] of Object.entries(v.questions)) {
		const path: Path = ['questions', id];
		const shape = structure.questions.find((s) => s.id === id);
		if (!shape) {
			if (!structure.declared.has(id))
				src.report(path, `unknown question "${id}" (not in the structure file)`);
			continue;
		}
		const tf = shape.type === 'true-false';
		const required = [...['prompt'], ...(tf ? [] : ['options']), ...(kind === 'quiz' ? ['explanation'] : [])];
		if (!checkMapping(src, path, q, required)) continue;
		const options: Record<string, string> = {};
		if (!tf && isRecord(q.options)) {
			for (const [opt, text] of Object.entries(q.options)) {
				if (!shape.options.includes(opt))
					src.report([...path, 'options', opt], `unknown option "${opt}" for question "${id}"`);
				else if (checkString(src, [...path, 'options', opt], text)) options[opt] = text;
			}
			for (const opt of shape.options)
				if (!(opt in q.options))
					src.report([...path, 'options'], `option "${opt}" of question "${id}" has no text`);
		}
		if (!checkString(src, [...path, 'prompt'], q.prompt)) continue;
		const explanation =
			kind === 'quiz' && checkString(src, [...path, 'explanation'], q.explanation) ? q.explanation : '';
		questions[id] = { prompt: q.prompt, options, explanation };
	}
	for (const s of structure.questions)
		if (!(s.id in v.questions)) src.report(['questions'], `question "${s.id}" has no text`);
	return { status: v.status === 'reviewed' ? 'reviewed' : 'draft', topics, questions };
}
