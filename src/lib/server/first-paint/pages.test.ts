import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, parseCoursePack } from '$lib/content/parse-pack';
import { paintFor, type PaintSources } from './pages';

// The built course packs (npm run courses:build writes them before every test run and build).
const read = (url: string) => readFileSync(new URL(`../../../../static${url}`, import.meta.url), 'utf8');
const sources: PaintSources = {
	catalogue: async () => parseCatalogue(read('/packs/index.json')),
	pack: async (url) => parseCoursePack(read(url))
};

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
