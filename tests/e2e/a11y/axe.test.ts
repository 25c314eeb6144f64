import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, noBrowser } from '../browser';
import { axeViolations, contextWith, LANGS, MODES, open, ROUTES, WIDTHS } from './helpers';

/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every route × language × mode × width. One
 * browser for the suite, one context per combination, axe injected once per page load; any
 * violation of any impact fails with its rule id and selector.
 */
describe.skipIf(noBrowser)('axe: zero WCAG A/AA violations', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const lang of LANGS) {
		for (const [mode, modes] of Object.entries(MODES)) {
			for (const width of WIDTHS) {
				it(`${lang} · ${mode} · ${width}px`, async () => {
					const context = await contextWith(browser, { lang, modes, width });
					const page = await context.newPage();
					const failures: string[] = [];
					for (const route of ROUTES) {
						await open(page, route);
						// The combination really is in force (else this would test the default 16 times).
						const applied = await page.evaluate(() => ({
							lang: document.documentElement.lang,
							theme: document.documentElement.dataset.theme,
							fontSize: getComputedStyle(document.documentElement).fontSize,
							easy: document.documentElement.hasAttribute('data-easy-read')
						}));
						expect(applied.lang).toBe(lang);
						if (mode === 'high-contrast') expect(applied.theme).toBe('high-contrast');
						if (mode === 'text-200') expect(applied.fontSize).toBe('32px');
						if (mode === 'easy-read') expect(applied.easy).toBe(true);
						for (const line of await axeViolations(page)) failures.push(`${route} ${line}`);
					}
					await context.close();
					expect(failures).toEqual([]);
				});
			}
		}
	}

	it('can fail: reports the rule id and selector of a planted defect', async () => {
		const context = await contextWith(browser, { lang: 'ur' });
		const page = await context.newPage();
		await open(page, '/about');
		await page.evaluate(() =>
			document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img id="planted" src="x.png">')
		);
		const failures = await axeViolations(page);
		await context.close();
		expect(failures).toContainEqual(expect.stringMatching(/^image-alt \(critical\): #planted$/));
	});

	for (const lang of ['ur', 'en'] as const)
		it(`the header menu open (${lang}, 360 px)`, async () => {
			const context = await contextWith(browser, { lang });
			const page = await context.newPage();
			await open(page, '/courses');
			await page.getByTestId('menu-button').click();
			await page.locator('#app-menu nav').waitFor();
			const failures = await axeViolations(page);
			await context.close();
			expect(failures).toEqual([]);
		});

	it('the first-run chooser with its accessibility options open', async () => {
		const context = await contextWith(browser, { lang: null });
		const page = await context.newPage();
		await open(page, '/');
		await page.locator('[data-testid="first-run-accessibility"] summary').click();
		await page.getByTestId('accessibility-options').waitFor();
		const failures = await axeViolations(page);
		await context.close();
		expect(failures).toEqual([]);
	});
});
