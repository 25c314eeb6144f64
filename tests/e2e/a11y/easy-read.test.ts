import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, noBrowser } from '../browser';
import { contextWith, open } from './helpers';

const LESSON = '/courses/ai-awareness/what-is-ai';

/** The easy-read mode (settings / first run) makes the player show the lesson's easy version. */
describe.skipIf(noBrowser)('easy read in the lesson player', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const lang of ['en', 'ur']) {
		it(`${lang}: shows the easy version when the mode is on, the full one when off`, async () => {
			const texts: Record<string, { title: string; body: string }> = {};
			for (const easyRead of [false, true]) {
				const context = await contextWith(browser, { lang, modes: { easyRead } });
				const page = await context.newPage();
				await open(page, LESSON);
				const pack = await page.evaluate(async () => {
					const catalogue = await (await fetch('/packs/index.json')).json();
					const course = catalogue.courses.find((c: { id: string }) => c.id === 'ai-awareness');
					const lang = document.documentElement.lang;
					const pack = await (await fetch(course.packs[lang].url)).json();
					const lesson = pack.lessons.find((l: { id: string }) => l.id === 'what-is-ai');
					return { title: lesson.title as string, easyTitle: (lesson.easy?.title ?? null) as string | null };
				});
				expect(pack.easyTitle, 'the awareness course ships an easy version of this lesson').not.toBeNull();
				texts[String(easyRead)] = {
					title: await page.locator('article h1').innerText(),
					body: await page.locator('article').innerText()
				};
				expect(texts[String(easyRead)]?.title).toBe(easyRead ? pack.easyTitle : pack.title);
				await context.close();
			}
			expect(texts.true?.body).not.toBe(texts.false?.body);
		});
	}
});
