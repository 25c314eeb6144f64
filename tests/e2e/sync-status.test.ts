import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';

/**
 * The e2e build has no PUBLIC_SUPABASE_URL: the static local-only mode. The app must say so in
 * the header and on the account page, and saving progress must still work. (Signed-in flows
 * run against the real embedded backend in tests/integration.)
 */
describe.skipIf(noBrowser)('sync status in local-only mode', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('says progress stays on this device, in English and Urdu', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'en');
		const status = page.getByTestId('sync-status');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=sync-status]')?.textContent?.includes('this device only')
		);
		await expect(status.getAttribute('data-phase')).resolves.toBe('local-only');
		await status.click();
		await page.waitForURL('**/account');
		await expect(page.locator('h1').innerText()).resolves.toBe('Your account');
		await expect(page.locator('.notice').innerText()).resolves.toContain('not connected to a server');

		await page.goto('/account?lang=ur');
		await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'آپ کا اکاؤنٹ');
		await expect(status.innerText()).resolves.toContain('صرف اسی ڈیوائس');
		await context.close();
	});
});
