import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { certBackend } from './cert-backend';
import {
	completeLessonWithQuizUrdu,
	deviceEvents,
	newEmail,
	serverEvents,
	sessionUserId,
	submitEmailForm,
	waitForSyncStatus
} from './learner-helpers';

/**
 * The awareness learner's path to an account, in Urdu on a 360 px phone, against the real
 * embedded backend: study offline signed out, come online, create an account on /account,
 * the device's progress is adopted and pushed by the app's own sync runner, and a second
 * browser signed in as the same learner pulls it.
 */
const STATUS = {
	signedOut: 'اس ڈیوائس پر محفوظ · اسے محفوظ رکھنے کے لیے سائن ان کریں',
	allSaved: 'ساری پیش رفت محفوظ ہے'
};

describe.skipIf(noBrowser)('anonymous progress → account → second device', () => {
	let browser: Browser;
	const network = certBackend();
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(() => network.restoreNetwork());
	afterAll(async () => {
		await browser?.close();
	});

	it('adopts offline progress on sign-up, syncs it exactly once, and shows it on another device', async () => {
		const email = newEmail('urdu-learner');
		const password = 'پاکستان-2025-seekh';
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await waitForServiceWorker(page);
		await page.goto('/courses/ai-awareness');
		await page.getByRole('button', { name: /آف لائن کے لیے ڈاؤن لوڈ کریں/ }).click();
		await page.getByText('اس آلے پر محفوظ ہے۔').waitFor();

		// Offline and signed out: a lesson and its quiz, from the stored pack.
		await context.setOffline(true);
		await network.cutNetwork();
		await page.reload();
		await page.getByRole('link', { name: 'کورس شروع کریں' }).click();
		await page.waitForURL('**/courses/ai-awareness/what-is-ai');
		const questions = await completeLessonWithQuizUrdu(page);
		await waitForSyncStatus(page, 'signed-out', STATUS.signedOut);
		const before = await deviceEvents(page);
		expect(before.every((e) => e.owner.startsWith('anon:') && e.sync === 0)).toBe(true);
		expect(before.filter((e) => e.type === 'quiz_answered')).toHaveLength(questions);

		// Online again: create the account through the app's own form.
		await network.restoreNetwork();
		await context.setOffline(false);
		await page.getByTestId('sync-status').click();
		await page.waitForURL('**/account');
		await submitEmailForm(page, email, password, 'اکاؤنٹ بنائیں');
		await expect(page.getByTestId('account-message').innerText()).resolves.toContain(
			'اب آپ کے اکاؤنٹ کا حصہ ہیں'
		);
		await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
		await waitForSyncStatus(page, 'idle', STATUS.allSaved);

		// The server holds exactly this device's events, once each, under the new account.
		const account = await sessionUserId(page);
		const after = await deviceEvents(page);
		expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
		expect(after.every((e) => e.owner === account && e.sync === 1)).toBe(true);
		const onServer = await serverEvents(account);
		expect(onServer.map((e) => e.id).sort()).toEqual(after.map((e) => e.id).sort());
		expect(new Set(onServer.map((e) => e.id)).size).toBe(onServer.length);
		const types = onServer.map((e) => e.type);
		for (const type of ['lesson_opened', 'quiz_completed', 'lesson_completed']) expect(types).toContain(type);
		expect(types.filter((t) => t === 'quiz_answered')).toHaveLength(questions);

		// Leaving /account inside the app (no reload) keeps sync running: opening a lesson again
		// is pushed by the runner without a reload or another visit to /account.
		await page.getByTestId('menu-button').click();
		await page.locator('nav a[href="/courses"]').click();
		await page.waitForURL('**/courses');
		await page.locator('a[href="/courses/ai-awareness"]').first().click();
		await page.getByRole('link', { name: /جاری رکھیں/ }).click();
		await page.waitForURL('**/courses/ai-awareness/*');
		await expect
			.poll(async () => (await serverEvents(account)).length, { timeout: 30_000 })
			.toBeGreaterThan(onServer.length);
		await waitForSyncStatus(page, 'idle', STATUS.allSaved);

		// A second phone signs in as the same learner and sees the progress from the server.
		const second = await newPhoneContext(browser);
		const other = await second.newPage();
		await other.goto('/');
		await chooseLanguage(other, 'ur');
		await other.goto('/account');
		await submitEmailForm(other, email, password, 'سائن ان کریں');
		await other.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
		await waitForSyncStatus(other, 'idle', STATUS.allSaved);
		await other.goto('/courses/ai-awareness');
		// One of nine lessons done (in Urdu digits or Latin, as the language's number format says).
		await other.getByText(/^(13|۱۳) میں سے (1|۱) اسباق مکمل$/).waitFor();
		await expect(other.locator('.outline li').first().innerText()).resolves.toContain('✓');
		await expect.poll(() => other.getByRole('link', { name: /جاری رکھیں/ }).count()).toBe(1);
		await second.close();
		await context.close();
	});
});
