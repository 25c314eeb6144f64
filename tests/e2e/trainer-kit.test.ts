import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';

/**
 * Issue 13, trainer kit: a trainer reaches the kit from the Train-the-Trainer course, opens a
 * guide in Urdu on a 360 px phone, saves the kit for offline, loses the network, and reopens
 * the guide from the copy on the phone. Print CSS is checked with print media emulated.
 */
describe.skipIf(noBrowser)('trainer kit', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('opens a guide in Urdu at 360 px, saves it for offline and reopens it without network', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		const failures: string[] = [];
		page.on('pageerror', (e) => failures.push(e.message));
		await page.goto('/?lang=ur');
		await page.locator('main h1').waitFor();
		await waitForServiceWorker(page);

		// Reached from a page trainers see: the Train-the-Trainer course.
		await page.goto('/courses/train-the-trainer');
		await page.getByRole('link', { name: 'ٹرینر کٹ: آگاہی کے ہر سبق کے لیے ٹرینر گائیڈ' }).click();
		await expect.poll(() => page.locator('main h1').innerText()).toBe('ٹرینر کٹ');
		expect(await page.getByTestId('kit-offline-status').innerText()).toContain('ابھی اس فون پر محفوظ نہیں');

		await page.getByRole('link', { name: 'ٹرینر گائیڈ: ڈیپ فیک، نقلی آوازیں اور فراڈ' }).click();
		const article = page.locator('article');
		await expect.poll(() => article.getAttribute('lang')).toBe('ur');
		await expect.poll(() => page.locator('#kit-plan-60').innerText()).toBe('60 منٹ کے سیشن کا خاکہ');
		const safeguarding = await page.locator('section.safeguarding').innerText();
		// Urgent danger → 15, with the honest note that it is news-sourced.
		expect(safeguarding).toContain('15');
		expect(safeguarding).toContain('آخری جانچ 2026-12-02');
		expect(safeguarding).toContain('0800-39393');
		// Nothing sticks out sideways on a 360 px phone.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		// On paper: no header or buttons, and each plan starts a new page.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.app-header').evaluate((e) => getComputedStyle(e).display)).toBe('none');
		expect(await page.getByRole('button', { name: 'پرنٹ کریں' }).isVisible()).toBe(false);
		expect(await page.locator('section.plan-90').evaluate((e) => getComputedStyle(e).breakBefore)).toBe(
			'page'
		);
		await page.emulateMedia({ media: 'screen' });
		expect(await page.getByRole('button', { name: 'پرنٹ کریں' }).isVisible()).toBe(true);

		await page.getByRole('button', { name: 'آف لائن کے لیے محفوظ کریں' }).click();
		await expect
			.poll(() => page.getByTestId('kit-offline-status').innerText(), { timeout: 30_000 })
			.toContain('اس فون پر');
		expect(await page.getByTestId('kit-offline-status').innerText()).toContain(
			'انٹرنیٹ کے بغیر بھی کھلتی ہے'
		);

		await context.setOffline(true);
		await page.reload();
		await expect
			.poll(() => page.locator('article h1').innerText(), { timeout: 30_000 })
			.toBe('ٹرینر گائیڈ: ڈیپ فیک، نقلی آوازیں اور فراڈ');
		expect(await page.getByText('آپ اس فون پر محفوظ نسخہ پڑھ رہے ہیں۔').isVisible()).toBe(true);
		expect(await page.locator('section.safeguarding').innerText()).toContain('15');

		// The list opens offline too, and another guide from it.
		await page.goto('/trainer-kit');
		await page.getByRole('link', { name: 'ٹرینر گائیڈ: اے آئی کیا ہے، اور کیا نہیں' }).click();
		await expect.poll(() => page.locator('#kit-misconceptions').innerText()).toBe('عام غلط فہمیاں');
		expect(failures).toEqual([]);
		await context.close();
	});
});
