import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseURL, chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';
import { newEmail, submitEmailForm } from './learner-helpers';

/**
 * A delivery partner's administrator on a 360 px phone, in Urdu: from the staff hub to the
 * partner tool, makes an API key, sees it once, then revokes it — and the running server
 * refuses that key at once. The readable API documentation loads with its own CSP.
 */
const PASSWORD = 'پاکستان-2025-partner';

async function account(label: string): Promise<string> {
	const { url, anonKey } = inject('backend');
	const client = createClient(url, anonKey, {
		auth: { persistSession: false },
		realtime: { transport: WebSocket as never }
	});
	const email = newEmail(label);
	const { error } = await client.auth.signUp({ email, password: PASSWORD });
	if (error) throw new Error(`sign-up: ${error.message}`);
	return email;
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

describe.skipIf(noBrowser)('the partner tool', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a partner_admin in Urdu at 360 px makes an API key from the hub, sees it once, and revokes it', async () => {
		const email = await account('partner-admin');
		await grant(email, 'P-DIGISKILLS', 'partner_admin');
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		page.on('dialog', (dialog) => void dialog.accept());
		await signInUrdu(page, email);

		await page.goto('/staff');
		await page.getByRole('heading', { level: 1, name: 'عملے کے اوزار' }).waitFor();
		await page.getByRole('link', { name: 'شراکت دار API کلیدیں' }).click();
		await page.waitForURL('**/staff/partner');
		await page.getByRole('heading', { level: 1, name: 'شراکت دار API کلیدیں' }).waitFor();
		await page.getByText('ابھی کوئی کلید نہیں۔ اپنے سسٹم کے لیے نیچے ایک کلید بنائیں۔').waitFor();

		await page.getByLabel('نام (کون سا سسٹم اسے استعمال کرے گا)').fill('ڈجی اسکلز LMS');
		await page.getByRole('button', { name: 'کلید بنائیں' }).click();
		const shown = page.getByTestId('new-key');
		await shown.waitFor();
		const key = (await shown.innerText()).trim();
		expect(key).toMatch(/^seekh_pk_[a-z0-9]{8}_[0-9a-f]{64}$/);
		const prefix = key.split('_')[2]!;
		expect(await noSideways(page)).toBe(true);
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({ path: `${process.env.STAFF_SCREENSHOTS}/partner-key.png`, fullPage: true });

		// The key works against the running server.
		const whoami = await fetch(`${baseURL}/api/partner/v1/key`, {
			headers: { authorization: `Bearer ${key}` }
		});
		expect(whoami.status).toBe(200);
		expect(((await whoami.json()) as { organisation: { code: string } }).organisation.code).toBe(
			'P-DIGISKILLS'
		);

		// Once: after "saved", the page holds only the prefix, and a reload never shows it again.
		await page.getByRole('button', { name: 'میں نے اسے محفوظ کر لیا' }).click();
		await shown.waitFor({ state: 'detached' });
		await page.reload();
		const row = page.locator('.list > li', { hasText: `seekh_pk_${prefix}_…` });
		await row.locator('.badge', { hasText: 'فعال' }).waitFor();
		expect(await page.content()).not.toContain(key.split('_')[3]!);

		await row.getByRole('button', { name: 'ابھی منسوخ کریں' }).click();
		await page.getByText(`کلید seekh_pk_${prefix} منسوخ ہو گئی۔`, { exact: false }).waitFor();
		await row.locator('.badge', { hasText: 'منسوخ' }).waitFor();
		expect(await noSideways(page)).toBe(true);

		const refused = await fetch(`${baseURL}/api/partner/v1/key`, {
			headers: { authorization: `Bearer ${key}` }
		});
		expect(refused.status).toBe(401);
		expect(refused.headers.get('content-type')).toBe('application/problem+json');
		expect(((await refused.json()) as { code: string }).code).toBe('key_revoked');

		// Every use of the key, from the audit log: the accepted call, then the refused one.
		await row.getByRole('button', { name: 'حالیہ استعمال دیکھیں' }).click();
		const uses = row.getByTestId('key-uses');
		await uses.getByRole('heading', { name: `کلید seekh_pk_${prefix} کا حالیہ استعمال` }).waitFor();
		const items = uses.locator('li');
		await items.nth(1).waitFor();
		expect(await items.count()).toBe(2);
		expect(await items.nth(0).innerText()).toContain('رد: کلید منسوخ تھی');
		expect(await items.nth(0).innerText()).toContain('GET /api/partner/v1/key');
		expect(await items.nth(1).innerText()).toContain('قبول');
		expect(await noSideways(page)).toBe(true);
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({
				path: `${process.env.STAFF_SCREENSHOTS}/partner-key-uses.png`,
				fullPage: true
			});
		await context.close();
	});

	it('the API documentation renders the OpenAPI document under its own CSP, with no violations', async () => {
		const context = await newPhoneContext(browser, { viewport: { width: 1024, height: 768 } });
		const page = await context.newPage();
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
		});
		const response = await page.goto('/api/partner/docs');
		expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
		await page.getByText('Seekh partner API').first().waitFor({ timeout: 60_000 });
		// Scalar lists each operation by its summary, from the served document.
		await page.getByText('Dry run: what the roster would change', { exact: false }).first().waitFor();
		expect(violations).toEqual([]);
		await context.close();
	});
});
