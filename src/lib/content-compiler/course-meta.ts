import { LANGUAGE_CODES } from '../i18n/languages';
import { LEVELS, PROGRAMMES, type AssessmentRule, type Level, type Programme } from '../content/pack-types';
import {
	checkIdList,
	checkId,
	checkMapping,
	checkNumber,
	checkOneOf,
	checkString,
	describe,
	isRecord,
	type Path
} from './yaml-checks';
import type { YamlSource } from './yaml-source';

/** What `course.yaml` says, once checked. */
export interface CourseMeta {
	id: string;
	programme: Programme;
	/** Languages the course is offered in completely: every lesson must exist in each. */
	languages: string[];
	/** Translations in progress: packs are built, missing lessons fall back to Urdu, then English. */
	partialLanguages: string[];
	title: Record<string, string>;
	summary: Record<string, string>;
	audience: Record<string, string>;
	level: Level;
	minutes: number;
	prerequisites: string[];
	lessons: string[];
	assessment: AssessmentRule;
}

const REQUIRED = [
	'id',
	'programme',
	'languages',
	'title',
	'summary',
	'audience',
	'level',
	'minutes',
	'lessons',
	'assessment'
];
const OPTIONAL = ['prerequisites', 'partial_languages'];

/** Checks `course.yaml`; returns null when it is too broken to build from. */
export function readCourseMeta(src: YamlSource, folder: string): CourseMeta | null {
	const v = src.value;
	if (!checkMapping(src, [], v, REQUIRED, OPTIONAL)) return null;
	let ok = true;
	if (checkId(src, ['id'], v.id) && v.id !== folder) {
		src.report(['id'], `course id "${v.id}" must equal its folder name "${folder}"`);
		ok = false;
	}
	ok = checkOneOf(src, ['programme'], v.programme, PROGRAMMES) && ok;
	ok = checkOneOf(src, ['level'], v.level, LEVELS) && ok;
	ok = checkNumber(src, ['minutes'], v.minutes, 1, 10_000) && ok;
	const languages = languageList(src, ['languages'], v.languages);
	const partialLanguages = languageList(src, ['partial_languages'], v.partial_languages);
	for (const lang of partialLanguages)
		if (languages.includes(lang))
			src.report(['partial_languages'], `"${lang}" is in both languages and partial_languages`);
	if (languages.length === 0) ok = false;
	const title = texts(src, ['title'], v.title, languages);
	const summary = texts(src, ['summary'], v.summary, languages);
	const audience = texts(src, ['audience'], v.audience, languages);
	const prerequisites = checkIdList(src, ['prerequisites'], v.prerequisites ?? []);
	const lessons = checkIdList(src, ['lessons'], v.lessons);
	if (Array.isArray(v.lessons) && v.lessons.length === 0)
		src.report(['lessons'], 'a course needs at least one lesson');
	const assessment = readAssessment(src, v.assessment);
	if (!ok || !assessment) return null;
	return {
		id: v.id as string,
		programme: v.programme as Programme,
		languages,
		partialLanguages: partialLanguages.filter((l) => !languages.includes(l)),
		title,
		summary,
		audience,
		level: v.level as Level,
		minutes: v.minutes as number,
		prerequisites,
		lessons,
		assessment
	};
}

function languageList(src: YamlSource, path: Path, value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		src.report(path, `${describe(path)} must be a list of language codes`);
		return [];
	}
	const out: string[] = [];
	value.forEach((lang, i) => {
		if (typeof lang !== 'string' || !(LANGUAGE_CODES as readonly string[]).includes(lang))
			src.report([...path, i], `unknown language "${String(lang)}" (known: ${LANGUAGE_CODES.join(', ')})`);
		else if (out.includes(lang)) src.report([...path, i], `language "${lang}" is listed twice`);
		else out.push(lang);
	});
	return out;
}

/** A per-language text: every declared language required, partial ones allowed. */
function texts(src: YamlSource, path: Path, value: unknown, required: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	if (!isRecord(value)) {
		if (value !== undefined && value !== null)
			src.report(path, `${describe(path)} must give text per language`);
		return out;
	}
	for (const [lang, text] of Object.entries(value)) {
		if (!(LANGUAGE_CODES as readonly string[]).includes(lang))
			src.report([...path, lang], `unknown language "${lang}"`);
		else if (checkString(src, [...path, lang], text)) out[lang] = text.trim();
	}
	for (const lang of required)
		if (!(lang in value)) src.report(path, `${describe(path)} has no "${lang}" text`, 'translation');
	return out;
}

function readAssessment(src: YamlSource, value: unknown): AssessmentRule | null {
	const path = ['assessment'];
	if (!isRecord(value)) {
		if (value !== undefined && value !== null) src.report(path, '"assessment" must be a mapping');
		return null;
	}
	if (value.kind === 'practice')
		return checkMapping(src, path, value, ['kind']) ? { kind: 'practice' } : null;
	if (value.kind !== 'final') {
		src.report(
			[...path, 'kind'],
			`"assessment.kind" must be practice or final (got "${String(value.kind)}")`
		);
		return null;
	}
	checkMapping(src, path, value, ['kind', 'pass_mark', 'draw', 'attempts', 'cooldown_hours']);
	const ok = [
		checkNumber(src, [...path, 'pass_mark'], value.pass_mark, 1, 100),
		checkNumber(src, [...path, 'draw'], value.draw, 1),
		checkNumber(src, [...path, 'attempts'], value.attempts, 1),
		checkNumber(src, [...path, 'cooldown_hours'], value.cooldown_hours, 0)
	].every(Boolean);
	if (!ok) return null;
	return {
		kind: 'final',
		pass_mark: value.pass_mark as number,
		draw: value.draw as number,
		attempts: value.attempts as number,
		cooldown_hours: value.cooldown_hours as number
	};
}
