import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { uuidv7 } from '$lib/events/uuidv7';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { asOperator, newAccount, noSideways, signInUrdu } from './staff-helpers';
import { axeViolations } from './a11y/helpers';
import { plantCode } from './cert-backend';
import { confirmEmail } from '../integration/stack-helpers';

/**
 * A trainee in a Train-the-Trainer cohort, in Urdu on a 360 px phone: from "My cohorts" to the
 * certified-trainer page, where the requirements checklist says what is met and what is not
 * (from the database) and the assessor's rubric is shown before the demonstration.
 */
const PASSWORD = 'پاکستان-2025-trainer';

describe.skipIf(noBrowser)('certified trainer', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a trainee sees the requirements checklist and the rubric in Urdu at 360 px', async () => {
		const trainer = await newAccount('ttt-lead', PASSWORD);
		await asOperator('rpc/grant_org_role_by_email', {
			email: trainer.email,
			org_code: 'COE-LHR-TC1',
			role: 'trainer'
		});
		const [org] = (await (
			await fetch(`${inject('backend').url}/rest/v1/organisations?code=eq.COE-LHR-TC1&select=id`, {
				headers: {
					apikey: inject('backend').serviceKey,
					authorization: `Bearer ${inject('backend').serviceKey}`
				}
			})
		).json()) as { id: string }[];
		const made = await trainer.client.rpc('create_cohort', {
			org: org!.id,
			title: 'تربیت کاروں کا بیچ ۷',
			course_ids: ['train-the-trainer'],
			language: 'ur',
			capacity: 30
		});
		if (made.error) throw new Error(made.error.message);
		const trainee = await newAccount('ttt-trainee', PASSWORD);
		// The trainee proved their email with a code (as the final-assessment page asks).
		await confirmEmail({ ...trainee, token: '' }, (to) => plantCode(inject('backend'), to));
		const joined = await trainee.client.rpc('join_cohort', {
			code: (made.data as { join_code: string }).join_code
		});
		if (joined.error) throw new Error(joined.error.message);

		const context = await newPhoneContext(browser, { bypassCSP: true });
		const page = await context.newPage();
		await signInUrdu(page, trainee.email, PASSWORD);
		await page.goto('/cohorts');
		await page.getByRole('heading', { level: 2, name: 'تربیت کاروں کا بیچ ۷' }).waitFor();
		await page.getByRole('link', { name: 'سند یافتہ ٹرینر بننا: شرائط اور مظاہرے کا معیار' }).click();
		await page.waitForURL('**/certified-trainer');
		await page.getByRole('heading', { level: 1, name: 'سند یافتہ ٹرینر بنیں' }).waitFor();

		// The checklist is the database's answer: account and cohort met, the rest not yet.
		const checklist = page.getByTestId('trainer-checklist');
		await checklist.waitFor();
		const state = async (id: string) =>
			checklist.locator(`[data-requirement="${id}"]`).getAttribute('data-met');
		expect(await state('verify_account')).toBe('true');
		expect(await state('no_trainer_cohort')).toBe('true');
		expect(await state('ttt_not_passed')).toBe('false');
		expect(await state('attendance_below_80')).toBe('false');
		await checklist.getByText('اپنے کوہورٹ کے کم از کم ۸۰٪ سیشنز میں حاضر ہوں (اب تک 0 میں سے 0)').waitFor();
		await checklist.getByText('تربیت کاروں کا بیچ ۷', { exact: false }).waitFor();
		expect(await checklist.getByText('ابھی نہیں', { exact: true }).count()).toBe(5);
		await expect
			.poll(() => page.getByRole('button', { name: 'میری سند یافتہ ٹرینر کی سند جاری کریں' }).count())
			.toBe(0);

		// The rubric, in Urdu, before any demonstration.
		await page.getByRole('heading', { name: 'آپ کے تدریسی مظاہرے کی جانچ کیسے ہوتی ہے' }).waitFor();
		const rubric = page.getByTestId('trainer-rubric');
		for (const name of [
			'سیشن کی منصوبہ بندی کرتا ہے',
			'واضح انداز میں سمجھاتا ہے',
			'سمجھ بوجھ کو پرکھتا ہے',
			'سب کو شامل کرتا ہے',
			'منصفانہ جانچ کرتا ہے'
		])
			await rubric.getByRole('heading', { name }).waitFor();
		await page.getByText('3 · ماہر').waitFor();
		expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
		expect(await noSideways(page)).toBe(true);
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});

	it('the trainer sees the cohort dashboard charts with their tables in Urdu at 360 px, offline too, and exports XLSX', async () => {
		const trainer = await newAccount('dash-lead', PASSWORD);
		await asOperator('rpc/grant_org_role_by_email', {
			email: trainer.email,
			org_code: 'COE-LHR-TC1',
			role: 'trainer'
		});
		const { url, serviceKey } = inject('backend');
		const [org] = (await (
			await fetch(`${url}/rest/v1/organisations?code=eq.COE-LHR-TC1&select=id`, {
				headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` }
			})
		).json()) as { id: string }[];
		const made = await trainer.client.rpc('create_cohort', {
			org: org!.id,
			title: 'ڈیش بورڈ بیچ',
			course_ids: ['ai-awareness'],
			language: 'ur',
			capacity: 30
		});
		if (made.error) throw new Error(made.error.message);
		const { id: cohort, join_code: code } = made.data as { id: string; join_code: string };
		const session = await trainer.client.rpc('add_cohort_session', {
			cohort,
			starts_at: new Date(Date.now() - 10 * 60e3).toISOString(),
			ends_at: new Date(Date.now() + 3600e3).toISOString(),
			venue: 'کمرہ ۴'
		});
		if (session.error) throw new Error(session.error.message);
		const learner = await newAccount('dash-learner', PASSWORD);
		await learner.client.from('profiles').upsert({
			id: learner.id,
			display_name: 'عائشہ بی بی',
			consent_terms: true,
			consent_progress_sharing: true
		});
		if ((await learner.client.rpc('join_cohort', { code })).error) throw new Error('join');
		const ev = (owner: string, type: string, extra: Record<string, unknown>) => ({
			id: uuidv7(),
			v: 1,
			owner,
			device_id: owner,
			type,
			client_ts: new Date().toISOString(),
			...extra
		});
		const pushed = await learner.client.rpc('sync_push', {
			events: [
				ev(learner.id, 'lesson_completed', {
					course_id: 'ai-awareness',
					lesson_id: 'what-is-ai',
					payload: {}
				})
			]
		});
		if (pushed.error) throw new Error(pushed.error.message);
		const marked = await trainer.client.rpc('sync_push', {
			events: [
				ev(trainer.id, 'attendance_marked', {
					payload: { session_id: session.data as string, learner: learner.id, status: 'present' }
				})
			]
		});
		if (marked.error) throw new Error(marked.error.message);

		const context = await newPhoneContext(browser, { bypassCSP: true });
		const page = await context.newPage();
		await signInUrdu(page, trainer.email, PASSWORD);
		await page.goto(`/staff/cohorts?cohort=${cohort}`);
		await page.getByRole('heading', { name: 'کوہورٹ ایک نظر میں' }).waitFor();
		const dashboard = page.locator('section.dashboard');
		for (const title of ['تکمیل کے مراحل', 'سیشن بہ سیشن حاضری', 'پیش رفت کی تقسیم']) {
			const figure = dashboard.getByRole('figure', { name: title });
			await figure.waitFor();
			// Each chart is an image with a name, and its figures are in a table.
			expect(await figure.getByRole('img', { name: new RegExp(title) }).count()).toBe(1);
			expect(await figure.getByRole('table').count()).toBe(1);
		}
		const funnel = dashboard.getByRole('figure', { name: 'تکمیل کے مراحل' });
		await funnel.getByRole('rowheader', { name: 'کم از کم ایک سبق مکمل کیا' }).waitFor();
		const attendance = dashboard.getByRole('figure', { name: 'سیشن بہ سیشن حاضری' });
		expect(await attendance.getByRole('row').count()).toBe(2);
		// The charts below the first screen are drawn when scrolled to (content-visibility: auto,
		// issue 13): read the rendered text where the trainer would, once on screen.
		await attendance.scrollIntoViewIfNeeded();
		await expect.poll(() => attendance.getByRole('cell').first().innerText()).toMatch(/میں سے/);
		expect(await noSideways(page)).toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		// The export next to the CSV: an Excel file holding the learner.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'ایکسل (XLSX) میں ڈاؤن لوڈ کریں' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
		const book = new ExcelJS.Workbook();
		await book.xlsx.readFile((await download.path())!);
		const sheet = book.worksheets[0]!;
		expect(sheet.getRow(2).getCell(1).value).toBe('عائشہ بی بی');
		expect(sheet.getRow(2).getCell(3).value).toBe(1);

		// Offline, the dashboard opens from the last load on this phone.
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('heading', { name: 'کوہورٹ ایک نظر میں' }).waitFor({ timeout: 30_000 });
		await dashboard.getByRole('figure', { name: 'تکمیل کے مراحل' }).waitFor();
		await context.setOffline(false);
		await context.close();
	});

	it('CoE-AI at the programme root sees trainers trained and learners reached per trainer in Urdu at 360 px', async () => {
		const lead = await newAccount('cascade-lead', PASSWORD);
		await asOperator('rpc/grant_org_role_by_email', {
			email: lead.email,
			org_code: 'COE-LHR-TC1',
			role: 'trainer'
		});
		await lead.client
			.from('profiles')
			.upsert({ id: lead.id, display_name: 'ٹرینر ثنا', consent_terms: true });
		const { url, serviceKey } = inject('backend');
		const [org] = (await (
			await fetch(`${url}/rest/v1/organisations?code=eq.COE-LHR-TC1&select=id`, {
				headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` }
			})
		).json()) as { id: string }[];
		const made = await lead.client.rpc('create_cohort', {
			org: org!.id,
			title: 'سلسلہ بیچ',
			course_ids: ['ai-awareness'],
			language: 'ur',
			capacity: 30
		});
		if (made.error) throw new Error(made.error.message);
		const member = await newAccount('cascade-member', PASSWORD);
		if (
			(await member.client.rpc('join_cohort', { code: (made.data as { join_code: string }).join_code })).error
		)
			throw new Error('join');
		const coe = await newAccount('cascade-coe', PASSWORD);
		await asOperator('rpc/grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' });

		const context = await newPhoneContext(browser, { bypassCSP: true });
		const page = await context.newPage();
		await signInUrdu(page, coe.email, PASSWORD);
		await page.goto('/staff/monitoring');
		await page.getByRole('heading', { name: 'تربیت کار اور تربیت کا سلسلہ' }).waitFor();
		const table = page.getByRole('table', {
			name: 'ہر وہ تربیت کار جو کوہورٹ چلاتا ہے یا جس نے کسی سند یافتہ تربیت کار کو تربیت دی'
		});
		const row = table.getByRole('row').filter({ hasText: 'ٹرینر ثنا' });
		await row.waitFor();
		// Learners in their cohorts, trainers trained, reached through them.
		expect((await row.getByRole('cell').allInnerTexts()).slice(1)).toEqual(
			['1', '0', '0'].map((n) => new Intl.NumberFormat('ur-PK').format(Number(n)))
		);
		await page
			.getByRole('figure', { name: 'ہر تربیت کار تک پہنچنے والے سیکھنے والے (سب سے زیادہ والے دس)' })
			.waitFor();
		expect(await noSideways(page)).toBe(true);
		await context.close();
	});
});
