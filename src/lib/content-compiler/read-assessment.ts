import type { CourseMeta } from './course-meta';
import { Reporter, type Problem } from './problems';
import {
	readAnswer,
	readQuestionStructure,
	readQuestionText,
	type QuestionStructure,
	type QuizText
} from './quiz-source';
import { isRecord } from './yaml-checks';
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
}

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
	if (structure.questions.length <= meta.assessment.draw)
		poolSrc.reporter.report(
			1,
			`the pool has ${structure.questions.length} questions; it must hold more than draw (${meta.assessment.draw})`
		);
	const texts = new Map<string, QuizText>();
	const langs = [...meta.languages, ...meta.partialLanguages];
	for (const entry of entries ?? []) {
		const lang = POOL_TEXT.exec(entry.name)?.[1];
		if (entry.name === 'pool.yaml' || entry.name === 'key.yaml') continue;
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
	checkKey(yaml('key.yaml'), structure.questions, poolSrc);
	return { questions: structure.questions, topics: structure.topics, texts };
}

function checkKey(src: YamlSource | null, questions: QuestionStructure[], poolSrc: YamlSource): void {
	if (!src) return poolSrc.reporter.report(1, 'the pool has no answer key (assessment/key.yaml)');
	if (src.failed) return;
	if (!isRecord(src.value)) return src.report([], 'key.yaml must map question ids to answer lists');
	for (const [id, answer] of Object.entries(src.value)) {
		const q = questions.find((x) => x.id === id);
		if (!q) src.report([id], `key for unknown question "${id}"`);
		else readAnswer(src, [id], answer, q.type, q.options);
	}
	for (const q of questions)
		if (!(q.id in src.value)) src.report([], `question "${q.id}" has no answer in key.yaml`);
}
