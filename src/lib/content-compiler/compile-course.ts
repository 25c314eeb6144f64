import { readContacts } from './contacts';
import { readCourseMeta, type CourseMeta } from './course-meta';
import { splitFrontMatter, type LessonFrontMatter } from './front-matter';
import { readGlossaries } from './glossary';
import { classifyLessonFile, AUDIO_TYPES, VIDEO_TYPES } from './lesson-files';
import { compileLessonMarkdown } from './lesson-markdown';
import { resolveImage } from './media';
import type { Block } from '../content/pack-types';
import { Reporter, sortProblems, type Problem } from './problems';
import { checkCourseQuality, type CourseQuality } from './quality';
import { readAssessment, type CompiledPool } from './read-assessment';
import {
	readQuestionStructure,
	readQuestionText,
	type QuestionStructure,
	type QuizText
} from './quiz-source';
import { displayPath, type SourceTree } from './source-tree';
import { withTextRules } from './text-tree';
import { YamlSource } from './yaml-source';
import { compileTrainerKit, type CompiledKit } from './trainer-kit';

/** A lesson file compiled in one language (regular or easy-read). */
export interface CompiledText extends LessonFrontMatter {
	blocks: Block[];
}

export interface CompiledMedia {
	kind: 'audio' | 'video';
	/** Source path in the tree; the builder copies it next to the packs. */
	path: string;
	mime: string;
	transcript?: Block[];
	captionsPath?: string;
}

export interface CompiledLesson {
	id: string;
	texts: Map<string, CompiledText>;
	easy: Map<string, CompiledText>;
	quiz?: { questions: QuestionStructure[]; texts: Map<string, QuizText> };
	media: Map<string, CompiledMedia[]>;
}

export interface CompiledCourse {
	meta: CourseMeta;
	lessons: CompiledLesson[];
	pool?: CompiledPool;
	/** Reading time, readability and quiz-fairness figures (see quality.ts). */
	quality?: CourseQuality;
}

export interface CompileResult {
	problems: Problem[];
	courses: CompiledCourse[];
	/** The trainer kit (`_trainer-kit/`), when the tree has one. */
	kit?: CompiledKit;
}

/** Checks and compiles every course folder under the tree's root. Never throws on bad content. */
export function compileTree(source: SourceTree): CompileResult {
	const problems: Problem[] = [];
	const courses: CompiledCourse[] = [];
	const entries = source.list('');
	if (!entries) {
		problems.push({ file: source.label || '.', line: 1, message: 'courses folder not found' });
		return { problems, courses };
	}
	const contacts = readContacts(source, problems);
	const glossaries = readGlossaries(source, problems);
	const tree = withTextRules(source, contacts, glossaries, problems);
	for (const entry of entries) {
		// `_keys` (sealed-key recipients), `_shared`, `_glossary`: tooling and data, not courses.
		if (!entry.dir || entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
		const course = compileCourse(tree, entry.name, problems);
		if (course) courses.push(course);
	}
	checkPrerequisites(tree, courses, problems);
	const kit = compileTrainerKit(tree, courses, contacts, glossaries, problems);
	return { problems: sortProblems(problems), courses, ...(kit ? { kit } : {}) };
}

function reporter(tree: SourceTree, path: string, problems: Problem[]): Reporter {
	return new Reporter(displayPath(tree, path), problems);
}

function readYaml(tree: SourceTree, path: string, problems: Problem[]): YamlSource | null {
	const text = tree.readText(path);
	return text === null ? null : new YamlSource(text, reporter(tree, path, problems));
}

function compileCourse(tree: SourceTree, dir: string, problems: Problem[]): CompiledCourse | null {
	const src = readYaml(tree, `${dir}/course.yaml`, problems);
	if (!src) {
		problems.push({ file: displayPath(tree, dir), line: 1, message: 'course folder has no course.yaml' });
		return null;
	}
	const meta = readCourseMeta(src, dir);
	if (!meta) return null;
	const allLangs = [...meta.languages, ...meta.partialLanguages];
	const entries = tree.list(dir) ?? [];
	for (const entry of entries) {
		if (entry.name === 'course.yaml' || entry.name.startsWith('.')) continue;
		if (
			entry.dir &&
			(entry.name === 'media' || entry.name === 'assessment' || meta.lessons.includes(entry.name))
		)
			continue;
		problems.push({
			file: displayPath(tree, `${dir}/${entry.name}`),
			line: 1,
			message: entry.dir
				? `folder "${entry.name}" is not a lesson listed in course.yaml`
				: `unexpected file "${entry.name}"`
		});
	}
	for (const file of tree.list(`${dir}/media`) ?? []) {
		if (!/\.(svg|webp)$/.test(file.name))
			problems.push({
				file: displayPath(tree, `${dir}/media/${file.name}`),
				line: 1,
				message: 'media must be .svg or .webp'
			});
	}
	const lessonIds = new Set(meta.lessons);
	const lessons: CompiledLesson[] = [];
	meta.lessons.forEach((id, i) => {
		if (!tree.list(`${dir}/${id}`)) src.report(['lessons', i], `lesson folder "${id}" not found`);
		else lessons.push(compileLesson(tree, dir, id, meta, allLangs, lessonIds, problems));
	});
	const course: CompiledCourse = { meta, lessons };
	const pool = readAssessment(tree, dir, meta, problems, src);
	if (pool) course.pool = pool;
	course.quality = checkCourseQuality(tree, course, src, problems);
	return course;
}

function compileLesson(
	tree: SourceTree,
	course: string,
	id: string,
	meta: CourseMeta,
	langs: string[],
	lessonIds: Set<string>,
	problems: Problem[]
): CompiledLesson {
	const dir = `${course}/${id}`;
	const lesson: CompiledLesson = { id, texts: new Map(), easy: new Map(), media: new Map() };
	const names = (tree.list(dir) ?? []).map((e) => e.name);
	const quizTexts: [string, string][] = [];
	for (const name of names) {
		const path = `${dir}/${name}`;
		const file = classifyLessonFile(name);
		const rep = reporter(tree, path, problems);
		if (!file) {
			rep.report(1, `unexpected file "${name}" in a lesson folder`);
			continue;
		}
		if ('lang' in file && !langs.includes(file.lang)) {
			rep.report(1, `language "${file.lang}" is not declared in course.yaml`);
			continue;
		}
		if (file.kind === 'lesson' || file.kind === 'easy') {
			const compiled = compileText(tree, path, dir, course, lessonIds, rep);
			if (compiled) (file.kind === 'lesson' ? lesson.texts : lesson.easy).set(file.lang, compiled);
		} else if (file.kind === 'quiz-text') quizTexts.push([file.lang, path]);
		else if (file.kind === 'audio' || file.kind === 'video')
			addMedia(tree, lesson, dir, names, file, rep, lessonIds);
	}
	for (const lang of meta.languages) {
		if (!lesson.texts.has(lang) && !names.includes(`${lang}.md`))
			problems.push({
				file: displayPath(tree, dir),
				line: 1,
				message: `lesson "${id}" has no ${lang}.md (course.yaml declares ${lang})`,
				kind: 'translation'
			});
	}
	for (const [lang] of lesson.easy)
		if (!names.includes(`${lang}.md`))
			reporter(tree, `${dir}/${lang}.easy.md`, problems).report(1, `easy-read file without ${lang}.md`);
	const structureSrc = readYaml(tree, `${dir}/quiz.yaml`, problems);
	if (structureSrc) {
		const structure = readQuestionStructure(structureSrc, 'quiz');
		const texts = new Map<string, QuizText>();
		for (const [lang, path] of quizTexts) {
			const src = readYaml(tree, path, problems);
			const text = src && readQuestionText(src, 'quiz', structure);
			if (text) texts.set(lang, text);
		}
		for (const lang of meta.languages)
			if (!quizTexts.some(([l]) => l === lang))
				structureSrc.reporter.report(1, `quiz has no text file quiz.${lang}.yaml`, 'translation');
		lesson.quiz = { questions: structure.questions, texts };
	} else if (quizTexts.length > 0) {
		reporter(tree, quizTexts[0]![1], problems).report(
			1,
			'quiz text without quiz.yaml (the questions and answers)'
		);
	}
	return lesson;
}

function compileText(
	tree: SourceTree,
	path: string,
	dir: string,
	course: string,
	lessonIds: Set<string>,
	rep: Reporter
): CompiledText | null {
	const text = tree.readText(path) ?? '';
	const { meta, body, bodyLine } = splitFrontMatter(text, rep);
	const blocks = compileLessonMarkdown(body, {
		reporter: rep,
		bodyLine,
		lessonIds,
		resolveImage: (ref) => resolveImage(tree, dir, course, ref)
	});
	return meta ? { ...meta, blocks } : null;
}

type MediaFile = { kind: 'audio' | 'video'; lang: string; ext: string };

function addMedia(
	tree: SourceTree,
	lesson: CompiledLesson,
	dir: string,
	names: string[],
	file: MediaFile,
	rep: Reporter,
	lessonIds: Set<string>
): void {
	const types = file.kind === 'audio' ? AUDIO_TYPES : VIDEO_TYPES;
	const mime = types[file.ext];
	if (!mime) return rep.report(1, `${file.kind} must be one of: ${Object.keys(types).join(', ')}`);
	const media: CompiledMedia = {
		kind: file.kind,
		path: `${dir}/${file.lang}.${file.kind}.${file.ext}`,
		mime
	};
	if (file.kind === 'audio') {
		const transcript = `${dir}/${file.lang}.transcript.md`;
		if (!names.includes(`${file.lang}.transcript.md`))
			return rep.report(1, `recorded audio needs a transcript: add ${file.lang}.transcript.md`);
		const trep = rep.forFile(rep.file.replace(/[^/]+$/, `${file.lang}.transcript.md`));
		media.transcript = compileLessonMarkdown(tree.readText(transcript) ?? '', {
			reporter: trep,
			bodyLine: 1,
			lessonIds,
			resolveImage: () => 'images are not allowed in transcripts'
		});
	} else {
		if (!names.includes(`${file.lang}.captions.vtt`))
			return rep.report(1, `video needs captions: add ${file.lang}.captions.vtt`);
		media.captionsPath = `${dir}/${file.lang}.captions.vtt`;
	}
	lesson.media.set(file.lang, [...(lesson.media.get(file.lang) ?? []), media]);
}

function checkPrerequisites(tree: SourceTree, courses: CompiledCourse[], problems: Problem[]): void {
	const ids = new Set(courses.map((c) => c.meta.id));
	for (const course of courses)
		for (const pre of course.meta.prerequisites)
			if (!ids.has(pre))
				problems.push({
					file: displayPath(tree, `${course.meta.id}/course.yaml`),
					line: 1,
					message: `prerequisite "${pre}" is not a course`
				});
}
