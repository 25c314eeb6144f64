import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { uuidv7 } from '$lib/events/uuidv7';
import { axeViolations } from './a11y/helpers';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';
import { newEmail, submitEmailForm } from './learner-helpers';

/**
 * A partner's administrator in Urdu on a 360 px phone: from the staff hub to the deliveries
 * tool, adds a webhook endpoint, sees its signing secret once (and never again), and reads the
 * delivery log after one of the partner's consenting learners completes a course.
 */
const PASSWORD = 'پاکستان-2025-partner';

async function account(label: string): Promise<{ id: string; email: string; client: SupabaseClient }> {
	const { url, anonKey } = inject('backend');
	const client = createClient(url, anonKey, {
		auth: { persistSession: false },
		realtime: { transport: WebSocket as never }
	});
	const email = newEmail(label);
	const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
	if (error || !data.user) throw new Error(`sign-up: ${error?.message}`);
	return { id: data.user.id, email, client };
}

async function service(path: string, body: unknown) {
	const { url, serviceKey } = inject('backend');
	const response = await fetch(`${url}/rest/v1/${path}`, {
		method: 'POST',
		headers: {
			apikey: serviceKey,
			authorization: `Bearer ${serviceKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	// A function that returns nothing answers 204 with no body.
	const text = await response.text();
	return (text ? JSON.parse(text) : null) as unknown;
}

const noSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(noBrowser)('partner deliveries', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a partner admin adds a webhook in Urdu at 360 px, sees the secret once, and reads the delivery log', async () => {
		// A partner unit of its own under the sample "Delivery partners", so runs do not share state.
		const coe = await account('partner-coe');
		await service('rpc/grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' });
		const partners = (await coe.client.from('organisations').select('id').eq('code', 'PARTNERS').single())
			.data!;
		const code = `P-E2E-${Date.now().toString(36).toUpperCase()}`;
		const made = await coe.client.rpc('create_organisation', {
			parent: partners.id,
			kind: 'partner',
			code,
			names: { en: 'E2E partner', ur: 'آزمائشی شراکت دار' }
		});
		if (made.error) throw new Error(made.error.message);
		const admin = await account('partner-admin');
		await service('rpc/grant_org_role_by_email', {
			email: admin.email,
			org_code: code,
			role: 'partner_admin'
		});

		// axe is injected as a script at the end: test tooling, not the app (csp.test.ts checks CSP).
		const context = await newPhoneContext(browser, { bypassCSP: true });
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await page.goto('/account');
		await submitEmailForm(page, admin.email, PASSWORD, 'سائن ان کریں');
		await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
		await page.goto('/staff');
		await page.getByRole('link', { name: 'آپ کے نظام کو ترسیل', exact: true }).click();
		await page.waitForURL('**/staff/partner-deliveries');
		await page.getByText('ابھی کوئی پتا نہیں۔', { exact: false }).waitFor();
		expect(await noSideways(page)).toBe(true);

		await page
			.getByLabel('پتا (https://…)', { exact: true })
			.fill('https://lms.partner.example.pk/seekh/webhooks');
		await page.getByLabel('نام (اختیاری)', { exact: true }).fill('ڈجی اسکلز ایل ایم ایس');
		await page.getByRole('button', { name: 'پتا شامل کریں' }).click();
		const secretBox = page.getByTestId('webhook-secret');
		await secretBox.waitFor();
		const secret = (await secretBox.textContent())!.trim();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		await page.getByText('یہ دوبارہ نہیں دکھایا جائے گا۔', { exact: false }).waitFor();
		expect(await noSideways(page)).toBe(true);
		await page.getByRole('button', { name: 'میں نے کاپی کر لیا' }).click();
		await page.getByText('lms.partner.example.pk/seekh/webhooks', { exact: false }).waitFor();

		// One of the partner's learners, sharing progress, completes a course.
		const learner = await account('partner-learner');
		await learner.client
			.from('profiles')
			.upsert({ id: learner.id, consent_terms: true, consent_progress_sharing: true })
			.throwOnError();
		const unit = (await coe.client.from('organisations').select('id').eq('code', code).single()).data!;
		const added = await coe.client.rpc('add_organisation_member', { org: unit.id, person: learner.id });
		if (added.error) throw new Error(added.error.message);
		const course = (
			await learner.client
				.from('courses')
				.select('id, lessons(id)')
				.eq('assessment', 'practice')
				.limit(1)
				.single()
		).data as { id: string; lessons: { id: string }[] };
		const pushed = await learner.client.rpc('sync_push', {
			events: course.lessons.map((l) => ({
				id: uuidv7(),
				v: 1,
				owner: learner.id,
				device_id: learner.id,
				type: 'lesson_completed',
				course_id: course.id,
				lesson_id: l.id,
				payload: {},
				client_ts: new Date().toISOString()
			}))
		});
		if (pushed.error) throw new Error(pushed.error.message);

		// After a reload the secret is nowhere on the page; the log shows the queued delivery.
		await page.reload();
		await page.getByRole('heading', { name: 'ترسیل کا ریکارڈ' }).waitFor();
		const log = page.getByTestId('delivery-log');
		await log.getByText('کورس مکمل').waitFor();
		await log.getByText('بھیجنے کے انتظار میں').waitFor();
		expect(await page.content()).not.toContain(secret);
		expect(await noSideways(page)).toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		// The receiver answers 410 Gone (reported as the worker reports every attempt): the endpoint
		// is shown disabled, and the admin enables it again.
		const { url, serviceKey } = inject('backend');
		const rows = (await (
			await fetch(`${url}/rest/v1/partner_deliveries?org_id=eq.${unit.id}&select=id`, {
				headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` }
			})
		).json()) as { id: string }[];
		await service('rpc/partner_delivery_attempted', {
			delivery: rows[0]!.id,
			ok: false,
			response_status: 410,
			error: 'endpoint answered 410: gone',
			retry_in_seconds: 30
		});
		await page.reload();
		const disabled = page.getByTestId('endpoint-disabled');
		await disabled.waitFor();
		expect(await disabled.innerText()).toContain('410 Gone');
		expect(await noSideways(page)).toBe(true);
		if (process.env.STAFF_SCREENSHOTS)
			await page.screenshot({
				path: `${process.env.STAFF_SCREENSHOTS}/partner-endpoint-410.png`,
				fullPage: true
			});
		await page.getByRole('button', { name: 'دوبارہ فعال کریں' }).click();
		await page.getByText('فعال ہو گیا: منتظر ترسیلات بھیج دی جائیں گی۔').waitFor();
		await disabled.waitFor({ state: 'detached' });
		await context.close();
	});
});
