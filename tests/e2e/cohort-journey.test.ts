import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { completeLessonWithQuizUrdu, deviceEvents, serverEvents } from './learner-helpers';
import { grantRole, newAccount, noSideways, signInUrdu, type Account } from './staff-helpers';

/**
 * Issue 13's journey, in Urdu on three 360 px phones: a trainer creates a cohort; Sana joins
 * by its code online, Bilal while offline (queued, completed when his phone reconnects); the
 * trainer takes attendance at the venue with no signal and reconnects; both study; the roster
 * shows Sana's progress and flags Bilal, who failed the same quiz twice, as needing help; the
 * CSV export holds both.
 */
const PASSWORD = 'پاکستان-2025-journey';
const LESSON = 'what-is-ai';
const KEY = parse(readFileSync(`courses/ai-awareness/${LESSON}/quiz.yaml`, 'utf8')) as {
	questions: { id: string; type: string; options?: string[]; answer: string[] }[];
};

/** Answers every question of the lesson's quiz wrongly (the key is the course's own). */
async function failQuiz(page: Page) {
	for (let i = 0; i < KEY.questions.length; i++) {
		const name = (await page.locator('.quiz fieldset input').first().getAttribute('name'))!;
		const question = KEY.questions.find((q) => `q-${q.id}` === name)!;
		const values = await page
			.locator('.quiz fieldset input')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		const wrong = values.find((v) => !question.answer.includes(v))!;
		await page.locator(`.quiz fieldset input[value="${wrong}"]`).check();
		await page.getByRole('button', { name: 'میرا جواب جانچیں' }).click();
		await page.locator('.quiz .verdict.wrong').waitFor();
		await page.locator('.quiz button.primary').click();
	}
	await page.locator('.quiz .score').waitFor();
}

/** The learner's name for the roster and their consent to share progress (their own profile). */
async function profile(account: Account, name: string) {
	await account.client.auth.signInWithPassword({ email: account.email, password: PASSWORD });
	const { error } = await account.client
		.from('profiles')
		.upsert({ id: account.id, display_name: name, consent_terms: true, consent_progress_sharing: true });
	if (error) throw new Error(`profile: ${error.message}`);
}

const pad = (n: number) => String(n).padStart(2, '0');

describe.skipIf(noBrowser)('a cohort from creation to the export', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('three phones in Urdu: join by code (one offline), attendance offline, progress and a needs-help flag in the roster and its CSV', async () => {
		const trainer = await newAccount('journey-trainer', PASSWORD);
		await grantRole(trainer.email, 'COE-LHR-TC1', 'trainer');
		const sana = await newAccount('journey-sana', PASSWORD);
		const bilal = await newAccount('journey-bilal', PASSWORD);
		await profile(sana, 'ثنا بتول');
		await profile(bilal, 'بلال احمد');

		// ---------------------------------------------------------------- the trainer's cohort
		const trainerContext = await newPhoneContext(browser, { acceptDownloads: true });
		const tp = await trainerContext.newPage();
		await signInUrdu(tp, trainer.email, PASSWORD);
		await waitForServiceWorker(tp);
		await tp.goto('/staff');
		await tp.getByRole('link', { name: 'کوہورٹ', exact: true }).click();
		await tp.waitForURL('**/staff/cohorts');
		// The unit's cohorts have loaded (the form is settled): then fill it.
		await tp.locator('#cohorts-heading').waitFor();
		await tp
			.locator('section[aria-labelledby=cohorts-heading] p[role=status]')
			.waitFor({ state: 'detached' });
		await tp.getByLabel('عنوان', { exact: false }).fill('آگاہی بیچ، ماڈل ٹاؤن');
		await tp.locator('input[type=checkbox][value="ai-awareness"]').check();
		await tp.getByRole('button', { name: 'کوہورٹ بنائیں' }).click();
		await tp.getByRole('link', { name: 'کوہورٹ کھولیں' }).click();
		await tp.getByRole('heading', { name: 'سیکھنے والے کیسے شامل ہوں' }).waitFor();
		const code = (await tp.locator('.big.code').first().textContent())!.replace('-', '').trim();

		// A session that started an hour ago (so it counts as held) and ends within the day.
		const now = new Date();
		const from = new Date(Math.max(now.getTime() - 3_600_000, new Date(now).setHours(0, 0, 0, 0)));
		const to = new Date(Math.min(now.getTime() + 3_600_000, new Date(now).setHours(23, 59, 0, 0)));
		await tp.locator('#s-day').fill(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
		await tp.locator('#s-from').fill(`${pad(from.getHours())}:${pad(from.getMinutes())}`);
		await tp.locator('#s-to').fill(`${pad(to.getHours())}:${pad(to.getMinutes())}`);
		await tp.locator('#s-venue').fill('یونین کونسل ہال، ماڈل ٹاؤن');
		await tp.getByRole('button', { name: 'سیشن شامل کریں' }).last().click();
		await tp.getByText('سیشن شامل ہو گیا۔').waitFor();

		// ---------------------------------------------------------------- Sana joins online
		const sanaContext = await newPhoneContext(browser);
		const sp = await sanaContext.newPage();
		await signInUrdu(sp, sana.email, PASSWORD);
		await sp.goto(`/cohorts/join?code=${code}`);
		await sp.getByRole('heading', { name: 'آپ کا ٹرینر کیا دیکھے گا' }).waitFor();
		await sp.getByRole('button', { name: 'اس کوہورٹ میں شامل ہوں' }).click();
		await sp.getByText('آپ ”آگاہی بیچ، ماڈل ٹاؤن“ میں شامل ہو گئے۔').waitFor();

		// ---------------------------------------------------------------- Bilal joins offline
		const bilalContext = await newPhoneContext(browser);
		const bp = await bilalContext.newPage();
		await signInUrdu(bp, bilal.email, PASSWORD);
		await waitForServiceWorker(bp);
		await bp.goto('/cohorts/join');
		await bp.locator('#join-code').waitFor();
		await bilalContext.setOffline(true);
		await bp.locator('#join-code').fill(code);
		await bp.getByRole('button', { name: 'آگے بڑھیں' }).click();
		await bp.getByText('کنکشن نہیں۔ آپ پھر بھی شامل ہو سکتے ہیں', { exact: false }).waitFor();
		await bp.getByRole('button', { name: 'اس کوہورٹ میں شامل ہوں' }).click();
		await bp.getByText('محفوظ ہو گیا۔ فون آن لائن ہوتے ہی آپ شامل ہو جائیں گے۔').waitFor();
		expect(await noSideways(bp)).toBe(true);
		await bilalContext.setOffline(false);
		await bp.goto('/cohorts');
		await bp.getByRole('heading', { level: 2, name: 'آگاہی بیچ، ماڈل ٹاؤن' }).waitFor({ timeout: 60_000 });

		// ---------------------------------------------------------------- attendance, offline
		await tp.reload();
		await tp.getByRole('heading', { name: /سیکھنے والے \((2|۲)\)/ }).waitFor();
		await trainerContext.setOffline(true);
		await tp.getByRole('button', { name: 'حاضری لگائیں' }).first().click();
		await tp
			.locator('fieldset', { has: tp.locator('legend', { hasText: 'بلال احمد' }) })
			.getByLabel('غیر حاضر')
			.check();
		await tp.getByRole('button', { name: 'حاضری محفوظ کریں' }).click();
		await tp.getByText('حاضری اس فون پر محفوظ ہو گئی', { exact: false }).waitFor();
		expect(await noSideways(tp)).toBe(true);
		expect((await deviceEvents(tp)).filter((e) => e.type === 'attendance_marked')).toHaveLength(2);
		await trainerContext.setOffline(false);
		await expect
			.poll(
				async () => (await serverEvents(trainer.id)).filter((e) => e.type === 'attendance_marked').length,
				{
					timeout: 60_000
				}
			)
			.toBe(2);

		// ---------------------------------------------------------------- both study
		await sp.goto(`/courses/ai-awareness/${LESSON}`);
		await completeLessonWithQuizUrdu(sp);
		await bp.goto(`/courses/ai-awareness/${LESSON}`);
		await failQuiz(bp);
		await bp.getByRole('button', { name: 'کوئز دوبارہ کریں' }).click();
		await failQuiz(bp);
		await expect
			.poll(async () => (await serverEvents(sana.id)).some((e) => e.type === 'lesson_completed'), {
				timeout: 60_000
			})
			.toBe(true);
		await expect
			.poll(async () => (await serverEvents(bilal.id)).filter((e) => e.type === 'quiz_completed').length, {
				timeout: 60_000
			})
			.toBe(2);

		// ---------------------------------------------------------------- the roster
		await tp.reload();
		const row = (name: string) => tp.locator('ol.roster > li', { hasText: name });
		await row('بلال احمد').getByText('ایک ہی کوئز میں دو بار ناکام', { exact: false }).waitFor();
		await row('بلال احمد')
			.getByText(/(1|۱) میں سے (0|۰) سیشنوں میں حاضر/)
			.waitFor();
		await row('ثنا بتول')
			.getByText(/(1|۱) میں سے (1|۱) سیشنوں میں حاضر/)
			.waitFor();
		await row('ثنا بتول')
			.getByText(/مکمل اسباق: [0-9۰-۹]+ میں سے (1|۱)$/)
			.waitFor();
		expect(await row('ثنا بتول').locator('.flags').count()).toBe(0);
		// Her lesson ticks load when the trainer opens her (the roster itself carries counts only).
		await row('ثنا بتول').getByText('اسباق', { exact: true }).click();
		await row('ثنا بتول').locator('ul.lessons li', { hasText: '✓' }).first().waitFor();
		// Whom to call first: the learner who needs help is at the top.
		expect(await tp.locator('ol.roster > li .name').first().textContent()).toBe('بلال احمد');
		expect(await noSideways(tp)).toBe(true);

		const [download] = await Promise.all([
			tp.waitForEvent('download'),
			tp.getByRole('button', { name: 'CSV فائل ڈاؤن لوڈ کریں' }).click()
		]);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv).toContain('بلال احمد');
		expect(csv).toContain('ثنا بتول');
		expect(csv).toContain('ایک ہی کوئز میں دو بار ناکام');

		await Promise.all([trainerContext.close(), sanaContext.close(), bilalContext.close()]);
	});
});
