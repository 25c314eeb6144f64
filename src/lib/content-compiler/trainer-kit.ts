import type { Block, Inline } from '../content/pack-types';
import {
	KIT_SECTIONS,
	PLAN_MINUTES,
	type KitGuide,
	type KitSection,
	type KitSectionId
} from '../content/kit-types';
import { reportTypedContacts, resolveContacts, type Contact } from './contacts';
import type { CompiledCourse } from './compile-course';
import { checkTerms, type GlossaryTerm } from './glossary';
import { compileLessonMarkdown } from './lesson-markdown';
import { Reporter, type Problem } from './problems';
import { displayPath, type SourceTree } from './source-tree';
import { checkIdList, checkMapping, checkOneOf, checkString, isRecord } from './yaml-checks';
import { YamlSource } from './yaml-source';

/**
 * The trainer kit: a facilitator guide per lesson of one course (the awareness course), kept in
 * `_trainer-kit/` so learner packs never carry it. `kit.yaml` names the course and languages;
 * each lesson has `<lesson>/<lang>.md`, and `safeguarding.<lang>.md` is the protocol every guide
 * includes. Sections are `## Heading {#id}` so the checks work in every language.
 */
export const KIT_DIR = '_trainer-kit';
/** The line a guide's safeguarding section writes where the shared protocol goes. */
export const SAFEGUARDING_INCLUDE = '{{safeguarding}}';
const SECTION_HEADING = /^##\s+(.*?)\s*\{#([a-z0-9-]+)\}\s*$/;
const TIMED_STEP = /^\s*(?:[-*]|\d+[.)])\s+\*\*\s*([0-9]+)\b[^*]*\*\*/;
const MIN_MISCONCEPTIONS = 3;

export interface CompiledKit {
	course: string;
	languages: string[];
	title: Record<string, string>;
	/** Per language: the shared safeguarding protocol. */
	safeguarding: Map<string, Block[]>;
	/** Per lesson id, per language. */
	guides: Map<string, Map<string, KitGuide>>;
}

interface KitContext {
	tree: SourceTree;
	contacts: Map<string, Contact>;
	glossaries: Map<string, GlossaryTerm[]>;
	problems: Problem[];
	lessonIds: Set<string>;
}

/** Reads and checks the kit, or null when the tree has none (kit.yaml absent). */
export function compileTrainerKit(
	tree: SourceTree,
	courses: CompiledCourse[],
	contacts: Map<string, Contact>,
	glossaries: Map<string, GlossaryTerm[]>,
	problems: Problem[]
): CompiledKit | null {
	const path = `${KIT_DIR}/kit.yaml`;
	const text = tree.readText(path);
	if (text === null) return null;
	const src = new YamlSource(text, new Reporter(displayPath(tree, path), problems));
	const v = src.value;
	if (src.failed || !checkMapping(src, [], v, ['course', 'languages', 'title'])) return null;
	const course = courses.find((c) => c.meta.id === v.course);
	if (!checkString(src, ['course'], v.course)) return null;
	if (!course) {
		src.report(['course'], `course "${String(v.course)}" is not a course in this tree`);
		return null;
	}
	const languages = checkIdList(src, ['languages'], v.languages);
	const title: Record<string, string> = {};
	if (isRecord(v.title))
		for (const [l, t] of Object.entries(v.title)) if (typeof t === 'string') title[l] = t;
	for (const lang of languages) if (!title[lang]) src.report(['title'], `the kit has no title in "${lang}"`);

	const ctx: KitContext = {
		tree,
		contacts,
		glossaries,
		problems,
		lessonIds: new Set(course.meta.lessons)
	};
	const kit: CompiledKit = {
		course: course.meta.id,
		languages,
		title,
		safeguarding: new Map(),
		guides: new Map()
	};
	for (const lang of languages) {
		const file = `${KIT_DIR}/safeguarding.${lang}.md`;
		const body = readKitText(ctx, file, lang);
		if (body === null) {
			problems.push({
				file: displayPath(tree, KIT_DIR),
				line: 1,
				message: `the kit has no ${lang} safeguarding protocol (safeguarding.${lang}.md)`
			});
			continue;
		}
		const rep = new Reporter(displayPath(tree, file), problems);
		const split = splitKitFrontMatter(body, rep);
		kit.safeguarding.set(lang, compile(split.body, split.bodyLine, rep, ctx));
	}
	for (const entry of tree.list(KIT_DIR) ?? []) {
		if (entry.dir && !ctx.lessonIds.has(entry.name))
			problems.push({
				file: displayPath(tree, `${KIT_DIR}/${entry.name}`),
				line: 1,
				message: `folder "${entry.name}" is not a lesson of ${course.meta.id}`
			});
	}
	for (const lesson of course.meta.lessons) {
		const byLang = new Map<string, KitGuide>();
		for (const lang of languages) {
			const file = `${KIT_DIR}/${lesson}/${lang}.md`;
			const body = readKitText(ctx, file, lang);
			if (body === null) {
				problems.push({
					file: displayPath(tree, `${KIT_DIR}/${lesson}`),
					line: 1,
					message: `lesson "${lesson}" has no ${lang} facilitator guide (${lang}.md)`
				});
				continue;
			}
			const guide = compileGuide(ctx, file, lesson, body);
			if (guide) byLang.set(lang, guide);
		}
		kit.guides.set(lesson, byLang);
	}
	return kit;
}

/** The file's text with contacts resolved and terms checked, as for lessons. */
function readKitText(ctx: KitContext, path: string, lang: string): string | null {
	const text = ctx.tree.readText(path);
	if (text === null) return null;
	const rep = new Reporter(displayPath(ctx.tree, path), ctx.problems);
	checkUnverifiedLines(text, ctx.contacts, rep);
	reportTypedContacts(text, ctx.contacts, rep);
	const resolved = resolveContacts(text, lang, ctx.contacts, rep);
	checkTerms(resolved, ctx.glossaries.get(lang), rep);
	return resolved;
}

/**
 * A trainer reads a number out to someone in trouble: an unverified one must say so where it
 * is printed. The line that prints it must also print `{{contact:<id>.checked}}` (the date it
 * was last checked), which the text around it explains in the reader's language.
 */
function checkUnverifiedLines(text: string, contacts: Map<string, Contact>, rep: Reporter): void {
	text.split('\n').forEach((line, i) => {
		for (const m of line.matchAll(/\{\{\s*contact:([a-z0-9-]+)\.(phone|sms|url)\s*\}\}/g)) {
			const contact = contacts.get(m[1]!);
			if (!contact || contact.verified) continue;
			if (!line.includes(`{{contact:${contact.id}.checked}}`))
				rep.report(
					i + 1,
					`contact "${contact.id}" is not verified: the line that prints its ${m[2]} must say so and print {{contact:${contact.id}.checked}}`
				);
		}
	});
}

interface KitFrontMatter {
	title: string;
	status: 'draft' | 'reviewed';
}

function splitKitFrontMatter(
	text: string,
	rep: Reporter
): { meta: KitFrontMatter | null; body: string; bodyLine: number } {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
	if (lines[0]?.trim() !== '---' || close === -1) {
		rep.report(1, 'a kit file must start with front matter: "---", title and status, then "---"');
		return { meta: null, body: lines.join('\n'), bodyLine: 1 };
	}
	const src = new YamlSource(lines.slice(1, close).join('\n'), rep, 2);
	const v = src.value;
	const body = lines.slice(close + 1).join('\n');
	const bodyLine = close + 2;
	if (src.failed || !checkMapping(src, [], v, ['title', 'status'])) return { meta: null, body, bodyLine };
	const ok =
		checkString(src, ['title'], v.title) &&
		checkOneOf(src, ['status'], v.status, ['draft', 'reviewed'] as const);
	return {
		meta: ok ? { title: String(v.title).trim(), status: v.status as KitFrontMatter['status'] } : null,
		body,
		bodyLine
	};
}

function compile(body: string, bodyLine: number, rep: Reporter, ctx: KitContext): Block[] {
	return compileLessonMarkdown(body, {
		reporter: rep,
		bodyLine,
		lessonIds: ctx.lessonIds,
		resolveImage: () => 'images are not allowed in the trainer kit (it is printed)'
	});
}

function compileGuide(ctx: KitContext, path: string, lesson: string, text: string): KitGuide | null {
	const rep = new Reporter(displayPath(ctx.tree, path), ctx.problems);
	const { meta, body, bodyLine } = splitKitFrontMatter(text, rep);
	const lines = body.split('\n');
	const sections: KitSection[] = [];
	const seen = new Map<string, number>();
	const intro: string[] = [];
	let current: { id: KitSectionId; heading: string; line: number; lines: string[] } | null = null;
	const flush = () => {
		if (!current) return;
		sections.push(compileSection(ctx, rep, current));
	};
	lines.forEach((line, i) => {
		const fileLine = bodyLine + i;
		const m = SECTION_HEADING.exec(line);
		if (m) {
			flush();
			const id = m[2]!;
			if (!(KIT_SECTIONS as readonly string[]).includes(id))
				rep.report(fileLine, `unknown section "{#${id}}" (sections: ${KIT_SECTIONS.join(', ')})`);
			else if (seen.has(id))
				rep.report(fileLine, `section "{#${id}}" appears twice (first on line ${seen.get(id)})`);
			seen.set(id, fileLine);
			current = { id: id as KitSectionId, heading: m[1]!, line: fileLine + 1, lines: [] };
		} else if (current) current.lines.push(line);
		else intro.push(line);
	});
	flush();
	for (const id of KIT_SECTIONS) if (!seen.has(id)) rep.report(1, `the guide has no "## … {#${id}}" section`);
	if (!meta) return null;
	return {
		lesson,
		title: meta.title,
		status: meta.status,
		intro: compile(intro.join('\n'), bodyLine, rep, ctx),
		sections
	};
}

function compileSection(
	ctx: KitContext,
	rep: Reporter,
	s: { id: KitSectionId; heading: string; line: number; lines: string[] }
): KitSection {
	const headingLine = s.line - 1;
	const plan = PLAN_MINUTES[s.id as keyof typeof PLAN_MINUTES];
	if (plan !== undefined) checkPlan(rep, s, plan);
	let include = false;
	let lines = s.lines;
	if (s.id === 'safeguarding') {
		const at = lines.findIndex((l) => l.trim() === SAFEGUARDING_INCLUDE);
		include = at >= 0;
		if (!include)
			rep.report(
				headingLine,
				`the safeguarding section must include the shared protocol: add a line ${SAFEGUARDING_INCLUDE}`
			);
		else lines = lines.map((l, i) => (i === at ? '' : l));
	}
	const blocks = compile(lines.join('\n'), s.line, rep, ctx);
	if (s.id === 'misconceptions') {
		const count = blocks.filter((b) => b.t === 'heading' && b.level === 3).length;
		if (count < MIN_MISCONCEPTIONS)
			rep.report(
				headingLine,
				`give at least ${MIN_MISCONCEPTIONS} misconceptions, each as a "###" heading with its answer (found ${count})`
			);
	}
	const heading: Inline[] = [{ t: 'text', v: s.heading }];
	return { id: s.id, heading, blocks, ...(include ? { includesSafeguarding: true } : {}) };
}

/** A plan's timed steps (list items opening with `**N min**`) must add up to its length. */
function checkPlan(rep: Reporter, s: { line: number; lines: string[] }, minutes: number): void {
	let total = 0;
	let steps = 0;
	s.lines.forEach((line) => {
		const m = TIMED_STEP.exec(line);
		if (m && !/^\s{2,}/.test(line)) {
			total += Number(m[1]);
			steps++;
		}
	});
	if (steps === 0)
		rep.report(
			s.line - 1,
			`a ${minutes}-minute plan needs timed steps: list items that start with **N min**`
		);
	else if (total !== minutes)
		rep.report(
			s.line - 1,
			`the steps of the ${minutes}-minute plan add up to ${total} minutes, not ${minutes}`
		);
}
