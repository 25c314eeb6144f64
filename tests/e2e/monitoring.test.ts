import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { certBackend } from './cert-backend';
import { newEmail, submitEmailForm } from './learner-helpers';
import { event, signUp } from '../integration/stack-helpers';

/**
 * Programme monitoring in a real browser, in Urdu on a 360 px phone: the public /progress page
 * (no sign-in, readable offline after one visit) and the CoE-AI dashboard, reached by signing in
 * through the app and opening it as the staff member would.
 */
describe.skipIf(noBrowser)('programme monitoring in the browser', () => {
	let browser: Browser;
	const backend = certBackend();
	const service = async (path: string, init: RequestInit = {}) => {
		const response = await fetch(`${backend.stack.url}/rest/v1/${path}`, {
			...init,
			headers: {
				apikey: backend.stack.serviceKey,
				authorization: `Bearer ${backend.stack.serviceKey}`,
				'content-type': 'application/json'
			}
		});
		if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
		return response.json() as Promise<unknown>;
	};

	beforeAll(async () => {
		browser = await launchBrowser();
		// A learner in Punjab who has opened an awareness lesson, so the figures are not empty.
		const learner = await signUp(backend.stack.url, backend.stack.anonKey, 'monitored');
		await learner.client.from('profiles').upsert({ id: learner.id, province: 'punjab', district: 'Lahore' });
		const opened = { ...event(learner.id, 'lesson_opened', 'ai-awareness', {}), lesson_id: 'what-is-ai' };
		const pushed = await learner.client.rpc('sync_push', { events: [opened] });
		if (pushed.error) throw new Error(pushed.error.message);
		await service('rpc/refresh_programme_summaries', { method: 'POST', body: '{}' });
	});
	afterEach(() => backend.restoreNetwork());
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the public figures in Urdu, then again offline as of the last visit', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await waitForServiceWorker(page);
		await page.goto('/about');
		await page.getByRole('link', { name: 'پروگرام کیسا چل رہا ہے' }).click();
		await page.getByRole('heading', { name: 'پروگرام کیسا چل رہا ہے' }).waitFor();
		await page.getByText('اس مالی سال سند پانے والے افراد').waitFor();
		await page.getByRole('table').first().waitFor();
		// Every figure on the page is a rounded count, "<10", "–" or 0: never a small raw count.
		const cells = await page.locator('figure table td').allInnerTexts();
		expect(cells.length).toBeGreaterThan(0);
		for (const text of cells) expect(text).toMatch(/^(<(۱۰|10)|–|[۰-۹0-9٬,]+)$/);

		await context.setOffline(true);
		await backend.cutNetwork();
		await page.reload();
		await page.getByText(/اس فون پر محفوظ؛/).waitFor({ timeout: 30_000 });
		await page.getByRole('table').first().waitFor();
		await context.close();
	});

	it('lets a CoE-AI administrator drill from provinces to districts, and refuses a learner', async () => {
		const email = newEmail('coe-monitor');
		const password = 'نگرانی-2026-seekh';
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await page.goto('/account');
		await submitEmailForm(page, email, password, 'اکاؤنٹ بنائیں');
		await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();

		// As a learner, the dashboard says plainly who it is for.
		await page.goto('/staff/monitoring');
		await page.getByText('پروگرام کے اعداد صرف سی او ای-اے آئی کے منتظمین اور آڈیٹرز کے لیے ہیں۔').waitFor();

		// The operator makes them a CoE-AI administrator at the programme root.
		await service('rpc/grant_org_role_by_email', {
			method: 'POST',
			body: JSON.stringify({ email, org_code: 'PK', role: 'coe_admin' })
		});
		await page.reload();
		await page.getByRole('heading', { name: 'پالیسی کے اہداف کے مقابلے میں' }).waitFor();
		await page.getByRole('figure').first().waitFor();
		const provinceButtons = page.locator('#monitoring-breakdown-caption ~ table tbody th button');
		await page.getByRole('button', { name: 'پنجاب' }).click();
		await page.getByRole('button', { name: 'تمام صوبوں پر واپس' }).waitFor();
		await page.locator('#monitoring-breakdown-caption ~ table tbody th', { hasText: 'Lahore' }).waitFor();
		expect(await provinceButtons.count()).toBe(0); // districts are not drilled further
		// Nothing overflows a 360 px phone.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);

		// By age band: the learner who gave none is counted under "not stated".
		await page.getByRole('button', { name: 'تمام صوبوں پر واپس' }).click();
		await page.getByLabel('کس لحاظ سے تقسیم کریں').selectOption('age_band');
		await page.getByRole('button', { name: 'دکھائیں' }).click();
		await page.locator('#monitoring-breakdown-caption ~ table tbody th', { hasText: 'نہیں بتایا' }).waitFor();
		// The civil-service compliance roll-up, with what it counts.
		const compliance = page.getByTestId('compliance-rollup');
		await compliance.getByRole('heading', { name: 'سول سروس میں تعمیل' }).waitFor();
		await expect(compliance.innerText()).resolves.toContain('تعمیل کا فیصد = درست تکمیلات');
		await context.close();
	});

	it('lets a learner give an age band in Urdu at 360 px, kept on the server, or leave it "not stated"', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await page.goto('/account');
		await submitEmailForm(page, newEmail('age-band'), 'correct horse battery', 'اکاؤنٹ بنائیں');
		const band = page.getByLabel('عمر کا گروپ');
		await band.waitFor();
		await expect(band.inputValue()).resolves.toBe(''); // "not stated" until they choose
		await expect(band.locator('option').first().innerText()).resolves.toBe('نہیں بتایا');
		await band.selectOption('25-34');
		await page.getByRole('button', { name: 'پروفائل محفوظ کریں' }).click();
		await page.getByText('پروفائل محفوظ ہو گئی۔').waitFor();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		// Another visit loads it back from the server. Its reads fail at first (a busy server; the
		// header's account settings read profiles too): the form says so and stays closed, so
		// blanks can never be saved over the learner's answers, and it reads again by itself.
		let busyServer = true;
		let refused = 0;
		// On the context: with the service worker in control, the page's requests leave from it.
		await context.route(
			(url) => url.pathname.endsWith('/rest/v1/profiles'),
			(route) => {
				if (route.request().method() !== 'GET' || !busyServer) return route.continue();
				refused++;
				return route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"busy"}' });
			}
		);
		await page.reload();
		await page.getByRole('alert').filter({ hasText: 'سرور' }).waitFor();
		await expect(page.getByLabel('عمر کا گروپ').isDisabled()).resolves.toBe(true);
		await expect(page.getByRole('button', { name: 'پروفائل محفوظ کریں' }).isDisabled()).resolves.toBe(true);
		busyServer = false;
		await expect.poll(() => page.getByLabel('عمر کا گروپ').inputValue(), { timeout: 30_000 }).toBe('25-34');
		expect(refused).toBeGreaterThan(0);
		await expect(page.getByLabel('عمر کا گروپ').isEnabled()).resolves.toBe(true);
		await expect(page.getByRole('button', { name: 'پروفائل محفوظ کریں' }).isEnabled()).resolves.toBe(true);
		await expect(page.getByLabel('عمر کا گروپ').locator('option:checked').innerText()).resolves.toBe('۲۵–۳۴');
		await context.close();
	});
});
