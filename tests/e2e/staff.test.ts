import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';
import { submitEmailForm } from './learner-helpers';
import { grantRole, newAccount, noSideways, openMenuWithRoles } from './staff-helpers';

/**
 * The staff area as an organisation administrator would use it: on a 360 px phone, in Urdu,
 * from the header link to the hub, switching organisation, granting a role, and finding the
 * grant in the audit log. A learner sees no Staff link at all.
 */
const PASSWORD = 'پاکستان-2025-staff';

/** Signs in through the app's own form, in Urdu, and comes back to the home page. */
async function signInUrdu(page: Page, email: string) {
	await page.goto('/');
	await chooseLanguage(page, 'ur');
	await page.goto('/account');
	await submitEmailForm(page, email, PASSWORD, 'سائن ان کریں');
	await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
	await page.goto('/');
}

describe.skipIf(noBrowser)('the staff area', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an org_admin in Urdu at 360 px opens /staff from the header, switches unit, grants a role and sees it audited', async () => {
		const admin = await newAccount('org-admin', PASSWORD);
		await grantRole(admin.email, 'COE-LHR', 'org_admin');
		await grantRole(admin.email, 'FED-ESTAB', 'org_admin');
		const officer = await newAccount('officer', PASSWORD);

		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await signInUrdu(page, admin.email);
		await openMenuWithRoles(page); // the header's links live in its menu
		await page.getByRole('navigation').getByRole('link', { name: 'عملہ', exact: true }).click();
		await page.waitForURL('**/staff');
		await page.getByRole('heading', { level: 1, name: 'عملے کے اوزار' }).waitFor();

		// Two organisations: a switcher, in Urdu names; choose the Establishment Division.
		const switcher = page.getByLabel('ادارہ', { exact: true });
		await switcher.selectOption({ label: 'اسٹیبلشمنٹ ڈویژن (FED-ESTAB)' });
		await page.getByText('نمونہ', { exact: true }).first().waitFor();
		expect(await noSideways(page)).toBe(true);
		await page.getByRole('link', { name: 'افراد اور کردار' }).click();
		await page.waitForURL('**/staff/people');
		await page.getByRole('heading', { level: 1, name: 'افراد اور کردار' }).waitFor();
		// The admin is listed by the role they hold here.
		await page
			.locator('.staff-cards > li', { hasText: admin.email })
			.locator('.badge', { hasText: 'ادارے کا منتظم' })
			.waitFor();

		await page.getByLabel('ای میل یا فون نمبر سے رکن شامل کریں').fill(officer.email);
		await page.getByRole('button', { name: 'رکن شامل کریں' }).click();
		await page.getByText(`${officer.email} اب رکن ہیں۔`).waitFor();
		const row = page.locator('.staff-cards > li', { hasText: officer.email });
		await row.getByLabel('کردار', { exact: true }).selectOption({ label: 'تربیت کار' });
		await row.getByRole('button', { name: 'کردار دیں' }).click();
		await page.getByText(`${officer.email} کو تربیت کار کا کردار دے دیا گیا۔`).waitFor();
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({ path: `${process.env.STAFF_SCREENSHOTS}/people.png`, fullPage: true });
		await row.locator('.badge', { hasText: 'تربیت کار' }).waitFor();
		expect(await noSideways(page)).toBe(true);

		// Search: the start of the officer's email (any case) finds them and no one else.
		const search = page.getByLabel('نام، ای میل یا فون نمبر کا شروع، یا ملازم نمبر (ایمپلائی آئی ڈی)');
		await search.fill(officer.email.toUpperCase());
		await search.press('Enter');
		await page.locator('.staff-cards > li', { hasText: admin.email }).waitFor({ state: 'detached' });
		await page.locator('.staff-cards > li', { hasText: officer.email }).waitFor();
		expect(await page.locator('.staff-cards > li').count()).toBe(1);
		await search.fill('کوئی نہیں ہے یہ');
		await search.press('Enter');
		await page.getByText('اس تلاش سے کوئی نہیں ملا۔').waitFor();
		await search.fill('');
		await search.press('Enter');
		await page.locator('.staff-cards > li', { hasText: admin.email }).waitFor();

		// The hub remembers the chosen unit; its audit log shows the grant, newest first.
		await page.getByRole('link', { name: /عملے کے تمام اوزار/ }).click();
		await page.getByRole('link', { name: 'آڈٹ ریکارڈ' }).click();
		await page.waitForURL('**/staff/audit');
		const newest = page.locator('.staff-cards > li').first();
		await newest.waitFor();
		await expect(newest.innerText()).resolves.toContain('کردار دیا گیا');
		await expect(newest.innerText()).resolves.toContain(officer.email);
		await expect(newest.innerText()).resolves.toContain('"role": "trainer"');
		expect(await noSideways(page)).toBe(true);
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({ path: `${process.env.STAFF_SCREENSHOTS}/audit.png`, fullPage: true });
		await context.close();
	});

	it('a learner sees no Staff link, and /staff tells them plainly it is not for them', async () => {
		const learner = await newAccount('learner', PASSWORD);
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await signInUrdu(page, learner.email);
		// Only once the roles have answered does "no Staff link" mean anything.
		await openMenuWithRoles(page);
		await page.getByRole('navigation').getByRole('link', { name: 'کورس', exact: true }).waitFor();
		expect(await page.getByRole('navigation').getByRole('link', { name: 'عملہ', exact: true }).count()).toBe(
			0
		);
		await page.goto('/staff');
		await page.getByRole('heading', { level: 1, name: 'آپ کو اس صفحے تک رسائی حاصل نہیں' }).waitFor();
		await context.close();
	});
});
