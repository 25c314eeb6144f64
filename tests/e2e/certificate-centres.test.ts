import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhoneContext, noBrowser } from './browser';
import { asOperator, grantRole, newAccount, openMenuWithRoles, signInUrdu } from './staff-helpers';

/**
 * A CoE-AI centre's assessor on a 360 px phone in Urdu: from the header to the certificate
 * tool, the certificates issued at their centre (and not a sibling centre's), opening one from
 * the list and revoking it. Certificates are inserted by the operator as issued rows; the
 * database's centre rules decide what the page shows.
 */
const PASSWORD = 'پاکستان-2025-centre';
const code16 = () =>
	Array.from({ length: 16 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]).join(
		''
	);

async function issuedAt(centre: string, name: string): Promise<string> {
	const holder = await newAccount('holder', PASSWORD);
	const code = code16();
	await asOperator('certificates', {
		id: randomUUID(),
		owner: holder.id,
		course_id: 'train-the-trainer',
		centre,
		learner_name: name,
		code,
		status_index: 110_000 + Math.floor(Math.random() * 20_000),
		kid: 'e2e-centres',
		jwt: 'not-a-real-credential'
	});
	return code;
}

const noSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(noBrowser)('certificate centres in the staff area', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a Lahore centre assessor in Urdu at 360 px lists, opens and revokes a Lahore certificate; Karachi’s stay hidden', async () => {
		const assessor = await newAccount('lhr-assessor', PASSWORD);
		await grantRole(assessor.email, 'COE-LHR', 'assessor');
		await issuedAt('lahore', 'زینب بی بی');
		await issuedAt('karachi', 'کراچی کی سند یافتہ');

		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await signInUrdu(page, assessor.email, PASSWORD);
		await page.goto('/');
		await openMenuWithRoles(page);
		await page.getByRole('navigation').getByRole('link', { name: 'عملہ', exact: true }).click();
		await page.waitForURL('**/staff');
		await page.getByRole('link', { name: 'سرٹیفکیٹ', exact: true }).click();
		await page.waitForURL('**/staff/certificates');
		await page.getByRole('heading', { level: 2, name: 'آپ کے مراکز سے جاری سرٹیفکیٹ' }).waitFor();

		// The filter offers the centre they hold, by its Urdu name; the list is that centre's.
		const filter = page.getByLabel('مرکز', { exact: true });
		await expect(filter.locator('option').allInnerTexts()).resolves.toEqual([
			expect.stringContaining('سی او ای-اے آئی مرکز، لاہور')
		]);
		const row = page.locator('.list > li', { hasText: 'زینب بی بی' });
		await row.waitFor();
		expect(await page.locator('.list > li', { hasText: 'کراچی کی سند یافتہ' }).count()).toBe(0);
		await page.getByRole('heading', { level: 2, name: 'مرکز سے سرٹیفکیٹ جاری کریں' }).waitFor();
		expect(await noSideways(page)).toBe(true);

		// Opening it fills the look-up; revoking asks for a reason and a confirmation.
		await row.getByRole('button').click();
		await page.getByText('درست', { exact: true }).first().waitFor();
		await page.getByLabel('منسوخی کی وجہ').fill('غلطی سے جاری ہوئی');
		await page.getByRole('button', { name: 'یہ سند منسوخ کریں' }).click();
		await page.getByRole('button', { name: 'ہاں، منسوخ کر دیں' }).click();
		await page.getByText('سند منسوخ کر دی گئی ہے۔').waitFor();
		await page.getByText('وجہ: غلطی سے جاری ہوئی').waitFor();
		expect(await noSideways(page)).toBe(true);
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({ path: `${process.env.STAFF_SCREENSHOTS}/centres.png`, fullPage: true });
		await context.close();
	});
});
