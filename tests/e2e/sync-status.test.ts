import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';

/**
 * The e2e build is connected to the embedded backend, and this learner has no account: the
 * header must say progress is kept on this device and invite sign-in, and the account page
 * must offer it. (Local-only mode — a build with no backend — is covered by the status-text
 * and config unit tests; a second production build just for it would double e2e setup.)
 */
describe.skipIf(noBrowser)('sync status for a learner who is not signed in', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('says progress is saved on this device and leads to sign-in, in English and Urdu', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'en');
		const status = page.getByTestId('sync-status');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=sync-status]')?.textContent?.includes('sign in to keep it safe')
		);
		await expect(status.getAttribute('data-phase')).resolves.toBe('signed-out');
		// Saying so needs no server: a first visit makes no request to the backend.
		const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
		expect(scripts.some((name) => name.includes('/rest/v1') || name.includes('/auth/v1'))).toBe(false);
		await status.click();
		await page.waitForURL('**/account');
		await expect(page.locator('h1').innerText()).resolves.toBe('Your account');
		// The password form's field (the code-only form below has its own).
		await page.locator('#account-email').waitFor();
		await expect(page.getByRole('button', { name: 'Create account' }).count()).resolves.toBe(1);
		await expect(page.locator('.notice').count()).resolves.toBe(0);

		await page.goto('/account?lang=ur');
		await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'آپ کا اکاؤنٹ');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=sync-status]')?.textContent?.includes('اس ڈیوائس پر محفوظ')
		);
		await expect(page.locator('label[for=account-email]').innerText()).resolves.toBe('ای میل ایڈریس');
		await context.close();
	});
});
