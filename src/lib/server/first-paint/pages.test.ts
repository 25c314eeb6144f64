import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, parseCoursePack } from '$lib/content/parse-pack';
import { MAX_SCREEN_CHARS } from '$lib/content/player/draw-steps';
import { paintFor, svgShape, type PaintSources } from './pages';

// The built course packs (npm run courses:build writes them before every test run and build).
const read = (url: string) => readFileSync(new URL(`../../../../static${url}`, import.meta.url), 'utf8');
const sources: PaintSources = {
	catalogue: async () => parseCatalogue(read('/packs/index.json')),
	pack: async (url) => parseCoursePack(read(url))
};

/** The opening tags of the lesson's top-level blocks (after the title), in order. */
function topLevelTags(html: string): string[] {
	const tags: string[] = [];
	let depth = 0;
	for (const [tag] of html.matchAll(/<\/?[a-z][^>]*>/g)) {
		if (tag.startsWith('</')) depth--;
		else if (!/^<br\b/.test(tag)) {
			if (depth === 0) tags.push(tag);
			depth++;
		}
	}
	return tags;
}

describe('first paint of the public pages', () => {
	it('paints the catalogue, a course and a lesson in Urdu and English', async () => {
		const catalogue = await paintFor('/courses', {}, 'ur', sources);
		expect(catalogue?.html).toContain('قومی اے آئی آگاہی');
		const course = await paintFor('/courses/[courseId]', { courseId: 'ai-awareness' }, 'en', sources);
		expect(course?.title).toBe('National AI Awareness · Seekh');
		expect(course?.html).toContain('href="/courses/ai-awareness/what-is-ai"');
		const lesson = await paintFor(
			'/courses/[courseId]/[lessonId]',
			{ courseId: 'ai-awareness', lessonId: 'what-is-ai' },
			'ur',
			sources
		);
		expect(lesson?.html).toContain('<h1>اے آئی کیا ہے، اور کیا نہیں</h1>');
		expect(lesson?.description.length).toBeGreaterThan(20);
	});

	it("marks a long lesson's blocks past the largest screen's text to be laid out later, none before", async () => {
		const params = { courseId: 'ai-foundations-ethics', lessonId: 'ai-security' };
		const lesson = await paintFor('/courses/[courseId]/[lessonId]', params, 'ur', sources);
		const html = lesson!.html;
		const first = html.indexOf('paint-later');
		expect(first).toBeGreaterThan(0);
		// The text before the first marked block is at least a large screen's worth, and every
		// top-level block after it is marked (the layout's order: nothing unmarked below).
		const before = html.slice(0, first).replace(/<[^>]+>/g, '');
		expect(before.length).toBeGreaterThanOrEqual(MAX_SCREEN_CHARS);
		const marked = topLevelTags(html.slice(html.indexOf('</h1>') + 5)).map((tag) =>
			tag.includes('paint-later')
		);
		expect(marked.indexOf(true)).toBeGreaterThan(0);
		expect(marked.slice(marked.indexOf(true)).every(Boolean)).toBe(true);
		// A lesson of less than a large screen's text has nothing marked.
		const short = await paintFor(
			'/courses/[courseId]/[lessonId]',
			{ courseId: 'ai-awareness', lessonId: 'national-ai-policy-in-five-minutes' },
			'ur',
			sources
		);
		expect(short!.html.replace(/<[^>]+>/g, '').length).toBeLessThan(MAX_SCREEN_CHARS + 200);
		expect(short!.html).not.toContain('paint-later');
	});

	it("paints what the app draws above a lesson's title, so the title is where the app puts it", async () => {
		const route = '/courses/[courseId]/[lessonId]';
		const aboveTitle = (html: string) => html.slice(0, html.indexOf('<h1>'));
		// An awareness lesson has an easy version: both reading switches, disabled until the app
		// takes over (they need it), and no language notice.
		const awareness = await paintFor(
			route,
			{ courseId: 'ai-awareness', lessonId: 'what-is-ai' },
			'ur',
			sources
		);
		const above = aboveTitle(awareness!.html);
		expect(above.match(/<input type="checkbox" disabled data-mode="(\w+)">/g)).toEqual([
			'<input type="checkbox" disabled data-mode="easyRead">',
			'<input type="checkbox" disabled data-mode="readAloud">'
		]);
		expect(above).toContain('آسان زبان والا ورژن');
		expect(above).not.toContain('class="notice"');
		// A lesson without an easy version: the read-aloud switch only.
		const params = { courseId: 'ai-foundations-ethics', lessonId: 'ai-security' };
		const security = await paintFor(route, params, 'en', sources);
		expect(aboveTitle(security!.html)).not.toContain('easyRead');
		expect(aboveTitle(security!.html)).toContain('Show read-aloud controls');
		// A lesson not yet in the learner's language says so, as the app does.
		const inUrdu = async (url: string) => {
			const pack = await sources.pack(url);
			return (
				pack && { ...pack, lessons: pack.lessons.map((l) => ({ ...l, lang: 'ur', fallbackLang: 'ur' })) }
			);
		};
		const sindhi = await paintFor(route, params, 'sd', { ...sources, pack: inUrdu });
		expect(aboveTitle(sindhi!.html)).toMatch(/<p class="notice">[^<]*اردو[^<]*<\/p>/);
	});

	it("paints a lesson's callouts and pictures as the app draws them, so nothing under them moves", async () => {
		const route = '/courses/[courseId]/[lessonId]';
		const footprint = await paintFor(
			route,
			{ courseId: 'ai-awareness', lessonId: 'ai-footprint' },
			'ur',
			sources
		);
		// The picture from the pack, its box held at the SVG's shape (viewBox 0 0 320 160).
		const img =
			/<img class="paint-image" src="(data:image\/svg\+xml,[^"]+)" alt="([^"]+)" style="aspect-ratio:([^"]+)">/.exec(
				footprint!.html
			);
		expect(img?.[3]).toBe('320 / 160');
		expect(img?.[2]).toContain('سرورز');
		// The callout: the app's label (a paragraph hidden from screen readers, which hear the
		// aside's name), not a paragraph with a bold run and a default margin.
		const what = await paintFor(route, { courseId: 'ai-awareness', lessonId: 'what-is-ai' }, 'ur', sources);
		expect(what!.html).toMatch(
			/<aside class="paint-callout (key-point|example|try-it|warning)" aria-label="([^"]+)"><p class="paint-callout-label" aria-hidden="true">\2<\/p>/
		);
		expect(what!.html).not.toMatch(/<aside[^>]*><p><strong>/);
	});

	it('holds a picture at its shape only when the app draws it as wide as the text', () => {
		const svg = (attrs: string) =>
			`data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' ${attrs}><rect/></svg>`)}`;
		expect(svgShape(svg("viewBox='0 0 240 200'"))).toBe('240 / 200');
		expect(svgShape(svg('viewBox="0,0,320.5,120"'))).toBe('320.5 / 120');
		// Its own size: the app draws it at that size, so it is not painted.
		expect(svgShape(svg("width='100' viewBox='0 0 240 200'"))).toBeNull();
		expect(svgShape(svg("viewBox='0 0 0 200'"))).toBeNull();
		expect(svgShape(svg(''))).toBeNull();
		expect(svgShape('data:image/webp;base64,UklGRg==')).toBeNull();
		expect(svgShape('data:image/svg+xml,%E0%A4%A')).toBeNull();
	});

	it("paints the app's header boxes: the name as a link, the app's own controls' places kept empty", async () => {
		const home = await paintFor('/', {}, 'ur', sources);
		expect(home!.header).toContain('<a class="paint-brand" href="/">سیکھ</a>');
		// The network line and the menu button, laid out but not shown: they need the app.
		expect(home!.header.match(/class="[^"]*paint-slot[^"]*"/g)).toHaveLength(2);
		expect(home!.header).toContain('<div class="paint-sync"></div>');
	});

	it('paints nothing for an unknown course or lesson (the app shows its own message)', async () => {
		await expect(paintFor('/courses/[courseId]', { courseId: 'nope' }, 'ur', sources)).resolves.toBeNull();
		await expect(
			paintFor(
				'/courses/[courseId]/[lessonId]',
				{ courseId: 'ai-awareness', lessonId: 'nope' },
				'ur',
				sources
			)
		).resolves.toBeNull();
	});

	it('escapes pack text: content cannot inject markup', async () => {
		const catalogue = await sources.catalogue();
		const course = catalogue!.courses[0]!;
		const evil = {
			...catalogue!,
			courses: [{ ...course, title: { ...course.title, en: '<img src=x onerror=alert(1)>' } }]
		};
		const paint = await paintFor('/courses', {}, 'en', { ...sources, catalogue: async () => evil });
		expect(paint?.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(paint?.html).not.toContain('<img');
	});
});
