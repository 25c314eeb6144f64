import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	baseURL,
	chooseLanguage,
	launchBrowser,
	newPhoneContext,
	noBrowser,
	waitForServiceWorker
} from './browser';

describe.skipIf(noBrowser)('app shell in a real browser', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('asks for the language, switches to Urdu right-to-left, and keeps working offline', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		// First visit: every language named in its own script.
		await expect.poll(() => page.locator('button[data-lang]').count()).toBe(7);
		await expect(page.locator('button[data-lang="sd"]').innerText()).resolves.toContain('سنڌي');

		await chooseLanguage(page, 'ur');
		expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
		await expect(page.locator('h1').innerText()).resolves.toBe('اے آئی کو قدم بہ قدم سمجھیں');

		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.locator('h1').innerText()).resolves.toBe('اے آئی کو قدم بہ قدم سمجھیں');
		await expect(page.getByTestId('network-status').innerText()).resolves.toContain('آف لائن');

		// Navigation works offline, through the client router and through a full load.
		await page.getByTestId('menu-button').click();
		await page.locator('nav a[href="/about"]').click();
		await page.waitForURL('**/about');
		await expect(page.locator('h1').innerText()).resolves.toBe('سیکھ کے بارے میں');
		await page.goto('/settings');
		await expect(page.locator('h1').innerText()).resolves.toBe('ترتیبات');
		await context.close();
	});

	it('remembers the language, and an unknown ?lang= falls back to Urdu', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/?lang=xx-bogus');
		await page.waitForFunction(() => !!document.querySelector('main#main h1'));
		expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
			'ur',
			'rtl'
		]);

		await page.getByTestId('menu-button').click();
		await page.locator('#header-language').selectOption('en');
		await page.waitForFunction(() => document.documentElement.dir === 'ltr');
		await page.reload();
		await expect(page.locator('h1').innerText()).resolves.toBe('Learn about AI, step by step');
		await context.close();
	});

	it('still runs, with a warning, when storage is blocked', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => {
			Object.defineProperty(window, 'localStorage', {
				get() {
					throw new DOMException('blocked', 'SecurityError');
				}
			});
		});
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'en');
		await expect(page.getByTestId('storage-warning').isVisible()).resolves.toBe(true);
		await context.close();
	});

	it('shows a translated reload prompt when a new version is waiting, and applying it reloads', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/?lang=ur');
		await waitForServiceWorker(page);
		// Publish a new service worker, then let the app look for updates (as on coming back).
		await fetch(`${baseURL}/__e2e/new-version`, { method: 'POST' });
		await page.reload();
		const prompt = page.getByTestId('update-prompt');
		await prompt.waitFor({ timeout: 30_000 });
		await expect(prompt.innerText()).resolves.toContain('سیکھ کا نیا ورژن تیار ہے۔');
		await Promise.all([page.waitForEvent('load'), prompt.locator('button.primary').click()]);
		await page.waitForFunction(() => !!document.querySelector('main#main h1'));
		await expect(prompt.count()).resolves.toBe(0);
		await context.close();
	});
});
