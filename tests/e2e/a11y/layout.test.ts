import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launchBrowser, noBrowser } from '../browser';
import { contextWith, LANGS, MODES, open, ROUTES } from './helpers';

/** The public pages the server paints in the learner's language (src/lib/first-paint.ts). */
const PAINTED = ['/', '/courses', '/courses/ai-awareness', '/courses/ai-awareness/what-is-ai'];

/**
 * Target size (2.5.8, held to the 44×44 px the project promises) and reflow (1.4.10 at 320 px,
 * 1.4.4 at 200% text), measured in the browser.
 */

/** Every interactive element's box; a checkbox or radio inside a label is measured by its label. */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const selector =
			'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"]';
		const describe = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}"`;
		/** WCAG 2.5.8 inline exception: a link in a sentence, with other text in the same block. */
		const inSentence = (el: Element) => {
			if (el.tagName !== 'A') return false;
			const block = el.closest('p, li, dd, td, figcaption, blockquote');
			return !!block && (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
		};
		const small: string[] = [];
		for (const el of document.querySelectorAll(selector)) {
			if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
			if (inSentence(el)) continue;
			const type = el.getAttribute('type');
			const target =
				(type === 'checkbox' || type === 'radio') && el.closest('label')
					? (el.closest('label') as Element)
					: el;
			const box = target.getBoundingClientRect();
			if (box.width < 43.5 || box.height < 43.5)
				small.push(`${describe(el)} is ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
		}
		return small;
	});
}

async function horizontalOverflow(page: Page): Promise<string | null> {
	return page.evaluate(() => {
		const root = document.documentElement;
		if (root.scrollWidth <= root.clientWidth) return null;
		// Name the widest culprit so the failure says what to fix.
		const wide = [...document.querySelectorAll('body *')].find(
			(el) => el.getBoundingClientRect().right > root.clientWidth + 1 || el.getBoundingClientRect().left < -1
		);
		return `scrollWidth ${root.scrollWidth} > ${root.clientWidth} (e.g. ${wide?.tagName.toLowerCase()}.${wide?.className})`;
	});
}

describe.skipIf(noBrowser)('targets and reflow', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const lang of LANGS) {
		for (const mode of ['default', 'text-200'] as const) {
			it(`${lang} · ${mode}: every target is at least 44×44 px at 360 px`, async () => {
				const context = await contextWith(browser, { lang, modes: MODES[mode], width: 360 });
				const page = await context.newPage();
				const failures: string[] = [];
				for (const route of ROUTES) {
					await open(page, route);
					for (const line of await smallTargets(page)) failures.push(`${route} ${line}`);
				}
				await context.close();
				expect(failures).toEqual([]);
			});
		}

		// The server's painted page is what a slow phone shows before the app has drawn (issue 17):
		// measured on purpose, with JavaScript off so it stays on screen. The test above measures
		// the app after the hand-over (open() waits for it), so both states are always checked.
		it(`${lang}: the painted page before JavaScript has 44×44 px targets at 360 px`, async () => {
			const context = await browser.newContext({
				baseURL,
				viewport: { width: 360, height: 720 },
				javaScriptEnabled: false
			});
			await context.addCookies([{ name: 'seekh.lang', value: lang, url: baseURL }]);
			const page = await context.newPage();
			const failures: string[] = [];
			for (const route of PAINTED) {
				await page.goto(route);
				await expect(page.locator('#seekh-paint main h1').count(), route).resolves.toBe(1);
				for (const line of await smallTargets(page)) failures.push(`${route} ${line}`);
			}
			await context.close();
			expect(failures).toEqual([]);
		});

		it(`${lang}: no horizontal scrolling at 320 px, at 100%, at 200% text and with text spacing`, async () => {
			const failures: string[] = [];
			for (const modes of [MODES.default, MODES['text-200'], { spacedReading: true, dyslexiaFont: true }]) {
				const context = await contextWith(browser, { lang, modes, width: 320 });
				const page = await context.newPage();
				for (const route of ROUTES) {
					await open(page, route);
					const overflow = await horizontalOverflow(page);
					if (overflow) failures.push(`${route} ${JSON.stringify(modes)}: ${overflow}`);
				}
				await context.close();
			}
			expect(failures).toEqual([]);
		});
	}

	it('first-run chooser with its options open: 44 px targets, no sideways scroll at 320 px and 200%', async () => {
		const failures: string[] = [];
		for (const modes of [MODES.default, MODES['text-200']]) {
			const context = await contextWith(browser, { lang: null, modes, width: 320 });
			const page = await context.newPage();
			await page.goto('/');
			await page.locator('[data-testid="first-run-accessibility"] summary').click();
			await page.getByTestId('accessibility-options').waitFor();
			const overflow = await horizontalOverflow(page);
			if (overflow) failures.push(`${JSON.stringify(modes)}: ${overflow}`);
			failures.push(...(await smallTargets(page)).map((line) => `${JSON.stringify(modes)}: ${line}`));
			await context.close();
		}
		expect(failures).toEqual([]);
	});

	it('can fail: a planted 20 px button and a 600 px box are caught', async () => {
		const context = await contextWith(browser, { lang: 'en', width: 320 });
		const page = await context.newPage();
		await open(page, '/about');
		await page.evaluate(() =>
			document
				.querySelector('main')
				?.insertAdjacentHTML(
					'beforeend',
					'<button id="tiny" style="min-inline-size:0;min-block-size:0;padding:0;inline-size:20px;block-size:20px">x</button><div style="inline-size:600px">wide</div>'
				)
		);
		expect(await smallTargets(page)).toContainEqual(expect.stringMatching(/^button#tiny/));
		expect(await horizontalOverflow(page)).toMatch(/scrollWidth/);
		await context.close();
	});
});
