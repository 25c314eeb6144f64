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
		await page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
		await expect(page.locator('h1').innerText()).resolves.toBe('اے آئی کو قدم بہ قدم سمجھیں');
		await expect.poll(() => page.getByTestId('network-status').innerText()).toContain('آف لائن');

		// Navigation works offline, through the client router and through a full load.
		await page.getByTestId('menu-button').click();
		await page.locator('header nav a[href="/about"]').click();
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
		// The server paints the page in the remembered language too: wait for the app's own copy,
		// not whichever of the two is found while the app takes over (both have the heading then).
		await page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
		await expect(page.locator('h1').innerText()).resolves.toBe('Learn about AI, step by step');
		await context.close();
	});

	it("opens a verifier's QR link in the browser's language, without the chooser or the sync line", async () => {
		const context = await newPhoneContext(browser, { locale: 'en-GB' });
		const page = await context.newPage();
		await page.goto('/verify/AAAA-BBBB-CCCC');
		await page.locator('main h1').waitFor();
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
		await expect(page.locator('button[data-lang]').count()).resolves.toBe(0);
		await expect(page.getByTestId('sync-status').count()).resolves.toBe(0);
		// The switcher is in the menu; choosing Urdu is remembered like any other choice.
		await page.getByTestId('menu-button').click();
		await page.locator('#header-language').selectOption('ur');
		await page.waitForFunction(() => document.documentElement.dir === 'rtl');
		await context.close();

		// A browser language Seekh does not speak: Urdu.
		const german = await newPhoneContext(browser, { locale: 'de-DE' });
		const other = await german.newPage();
		await other.goto('/verify/AAAA-BBBB-CCCC');
		await other.locator('main h1').waitFor();
		expect(await other.evaluate(() => document.documentElement.lang)).toBe('ur');
		await german.close();
	});

	it('keeps the header to 15% of a 360×640 screen, and 30% at 200% text, with no shift', async () => {
		for (const [lang, scale, limit] of [
			['ur', 100, 0.15],
			['ur', 200, 0.3],
			['en', 100, 0.15],
			['en', 200, 0.3]
		] as const) {
			const context = await newPhoneContext(browser);
			await context.addInitScript(
				([l, s]) => {
					localStorage.setItem('seekh.lang', l);
					localStorage.setItem('seekh.a11y', JSON.stringify({ textScale: s }));
				},
				[lang, scale] as const
			);
			const page = await context.newPage();
			await page.goto('/');
			await page.locator('main h1').waitFor();
			const before = await page.evaluate(
				() => document.querySelector('header')!.getBoundingClientRect().height
			);
			// The sync line's text arrives later; its space is already there.
			await page.getByTestId('sync-status').waitFor();
			const after = await page.evaluate(
				() => document.querySelector('header')!.getBoundingClientRect().height
			);
			expect(after, `${lang} ${scale}%`).toBe(before);
			expect(after / 640, `${lang} ${scale}%: ${after}px`).toBeLessThanOrEqual(limit);
			await context.close();
		}
	});

	it('opens the menu from the keyboard: aria-expanded, focus inside, Escape gives focus back', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/');
		await page.locator('main h1').waitFor();
		const button = page.getByTestId('menu-button');
		await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
		await button.focus();
		await page.keyboard.press('Enter');
		await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
		// Focus is on the first entry of the (Urdu) menu, the home link.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.closest('#app-menu') !== null))
			.toBe(true);
		await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('/');
		await page.keyboard.press('Escape');
		await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
		await expect(page.locator('#app-menu').isHidden()).resolves.toBe(true);
		await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
			'menu-button'
		);
		// Tabbing past the last entry (the language select) closes the menu.
		await page.keyboard.press('Enter');
		await page.locator('#header-language').focus();
		await page.keyboard.press('Tab');
		await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
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
