import { createClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';
import { newEmail, submitEmailForm } from './learner-helpers';

/**
 * A trainer's cohort in Urdu on a 360 px phone: from the staff hub to a new cohort and its
 * join code, a learner (another browser context) joining by the QR link after reading what
 * the trainer will see, and the trainer's roster listing them.
 */
const PASSWORD = 'پاکستان-2025-cohort';

async function account(label: string): Promise<{ id: string; email: string }> {
	const { url, anonKey } = inject('backend');
	const client = createClient(url, anonKey, {
		auth: { persistSession: false },
		realtime: { transport: WebSocket as never }
	});
	const email = newEmail(label);
	const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
	if (error || !data.user) throw new Error(`sign-up: ${error?.message}`);
	return { id: data.user.id, email };
}

async function grant(email: string, orgCode: string, role: string) {
	const { url, serviceKey } = inject('backend');
	const response = await fetch(`${url}/rest/v1/rpc/grant_org_role_by_email`, {
		method: 'POST',
		headers: {
			apikey: serviceKey,
			authorization: `Bearer ${serviceKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify({ email, org_code: orgCode, role })
	});
	if (!response.ok) throw new Error(`grant: ${response.status} ${await response.text()}`);
}

async function signInUrdu(page: Page, email: string) {
	await page.goto('/');
	await chooseLanguage(page, 'ur');
	await page.goto('/account');
	await submitEmailForm(page, email, PASSWORD, 'سائن ان کریں');
	await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
}

const noSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(noBrowser)('cohorts', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a trainer creates a cohort in Urdu at 360 px, a learner joins by its link, the roster lists them', async () => {
		const trainer = await account('trainer');
		await grant(trainer.email, 'COE-LHR-TC1', 'trainer');
		const learner = await account('cohort-learner');

		const trainerContext = await newPhoneContext(browser);
		const tp = await trainerContext.newPage();
		await signInUrdu(tp, trainer.email);
		await tp.goto('/staff');
		await tp.getByRole('link', { name: 'کوہورٹ', exact: true }).click();
		await tp.waitForURL('**/staff/cohorts');
		await tp.getByText('اس یونٹ میں ابھی کوئی کوہورٹ نہیں۔', { exact: false }).waitFor();
		await tp.getByLabel('عنوان', { exact: false }).fill('آگاہی بیچ ۱');
		await tp.getByLabel('نشستیں').fill('25');
		await tp.getByRole('button', { name: 'کوہورٹ بنائیں' }).click();
		await tp.getByText('کوہورٹ بن گیا۔', { exact: false }).waitFor();
		expect(await noSideways(tp)).toBe(true);
		await tp.getByRole('link', { name: 'کوہورٹ کھولیں' }).click();
		await tp.getByRole('heading', { name: 'سیکھنے والے کیسے شامل ہوں' }).waitFor();
		const shown = (await tp.locator('.big.code').first().textContent())!.replace('-', '').trim();
		expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
		await tp.getByText('ابھی کوئی شامل نہیں ہوا۔', { exact: false }).waitFor();
		expect(await noSideways(tp)).toBe(true);

		const learnerContext = await newPhoneContext(browser);
		const lp = await learnerContext.newPage();
		await signInUrdu(lp, learner.email);
		await lp.goto(`/cohorts/join?code=${shown}`);
		await lp.getByRole('heading', { name: 'آپ کا ٹرینر کیا دیکھے گا' }).waitFor();
		await lp.getByText('آپ کا ٹرینر آپ کے جوابات', { exact: false }).waitFor();
		expect(await noSideways(lp)).toBe(true);
		await lp.getByRole('button', { name: 'اس کوہورٹ میں شامل ہوں' }).click();
		await lp.getByText('آپ ”آگاہی بیچ ۱“ میں شامل ہو گئے۔').waitFor();
		await lp.goto('/cohorts');
		await lp.getByRole('heading', { level: 2, name: 'آگاہی بیچ ۱' }).waitFor();

		await tp.reload();
		await tp.getByRole('heading', { name: 'سیکھنے والے (1)' }).waitFor();
		await tp.getByText('یہ سیکھنے والا اپنی پیش رفت شیئر نہیں کرتا۔', { exact: false }).waitFor();
		await trainerContext.close();
		await learnerContext.close();
	});
});
