import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { deviceEvents, newEmail, serverEvents, sessionUserId, submitEmailForm } from './learner-helpers';

/**
 * A learner's rights in the running app, in Urdu at 360 px: the privacy notice and terms are
 * reached from the footer, the consent box and the account page; "Download my data" gives a
 * JSON copy; "Delete my account" empties the server and this device.
 */
describe.skipIf(noBrowser)('privacy notice, download and delete my account', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('links the notice everywhere, in Urdu, without sideways scrolling', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/');
		await page.locator('footer a[href="/privacy"]').click();
		await page.getByRole('heading', { level: 1, name: 'رازداری کا نوٹس' }).waitFor();
		const text = await page.locator('main').innerText();
		// Names of things stay as they are (CoE-AI, DigiSkills.pk, JSON…); sentences are Urdu.
		const latin = text.replace(/CoE-AI|DigiSkills\.pk|JSON|CSV|HTTPS|CNIC|QR/g, '').match(/[A-Za-z]{3,}/g);
		expect(latin).toBeNull();
		expect(text).toContain('شناختی کارڈ (CNIC)');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await page.locator('footer a[href="/terms"]').click();
		await page.getByRole('heading', { level: 1, name: 'استعمال کی شرائط' }).waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await context.close();
	});

	it('downloads the learner’s data and deletes the account from the server and the device', async () => {
		const context = await newPhoneContext(browser, { acceptDownloads: true });
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/account');
		await waitForServiceWorker(page);
		await submitEmailForm(page, newEmail('rights'), 'correct horse battery', 'اکاؤنٹ بنائیں');
		await page.locator('#profile-heading').waitFor();
		const id = await sessionUserId(page);

		// The consent box and the account page link the terms and the notice.
		const consent = page.locator('fieldset', { has: page.locator('input[type=checkbox]') }).last();
		await expect(consent.locator('a[href="/terms"]').count()).resolves.toBe(1);
		await expect(consent.locator('a[href="/privacy"]').count()).resolves.toBe(1);

		// Something to keep: a lesson opened, synced to the server.
		await page.goto('/courses/ai-awareness');
		await page.locator('main a[href^="/courses/ai-awareness/"]').first().click();
		await page.locator('main h1').waitFor();
		// The heading can show before the lesson's `lesson_opened` is written to this device;
		// leaving the page first would lose it (seen on a loaded CI machine: "all saved", 0 events).
		await expect
			.poll(async () => (await deviceEvents(page)).some((e) => e.type === 'lesson_opened'), {
				timeout: 30_000,
				message: `no lesson_opened on the device; the page says: ${await page.locator('main').innerText()}`
			})
			.toBe(true);
		await page.goto('/account');
		// The sync runner pushes on its own schedule (at start, and 2 s after a new event).
		const consoleLines: string[] = [];
		page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
		page.on('requestfailed', (r) =>
			consoleLines.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`)
		);
		page.on(
			'response',
			(r) => r.status() >= 400 && consoleLines.push(`${r.status()}: ${r.request().method()} ${r.url()}`)
		);
		try {
			await expect.poll(async () => (await serverEvents(id)).length, { timeout: 60_000 }).toBeGreaterThan(0);
		} catch (error) {
			// Say why: what the header's sync status shows and what the page logged.
			const status = await page
				.getByTestId('sync-status')
				.first()
				.textContent()
				.catch(() => '(none)');
			const device = JSON.stringify(
				(await deviceEvents(page)).map(({ type, owner, sync }) => ({ type, owner, sync }))
			);
			throw new Error(
				`no events reached the server for ${id}; device: ${device}; sync status: ${status}\n${consoleLines.join('\n')}`,
				{
					cause: error
				}
			);
		}

		await page.locator('#my-data-heading').waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'میرا ڈیٹا ڈاؤن لوڈ کریں (JSON)' }).click()
		]);
		const copy = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
			account: { id: string };
			events: { type: string }[];
		};
		expect(copy.account.id).toBe(id);
		expect(copy.events.map((e) => e.type)).toContain('lesson_opened');

		const deleteButton = page.getByRole('button', { name: 'میرا اکاؤنٹ ختم کریں' });
		expect(await deleteButton.isDisabled()).toBe(true);
		await page.locator('#delete-heading ~ label input[type=checkbox]').check();
		await deleteButton.click();
		await page.locator('[data-testid=account-deleted]').waitFor({ timeout: 30_000 });
		expect(await serverEvents(id)).toEqual([]);
		// This device forgot the session and everything it held.
		expect(await page.evaluate(() => localStorage.getItem('seekh-auth'))).toBeNull();
		const eventsLeft = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const open = indexedDB.open('seekh');
					open.onsuccess = () => {
						const db = open.result;
						if (!db.objectStoreNames.contains('events')) return resolve(0);
						const count = db.transaction('events').objectStore('events').count();
						count.onsuccess = () => resolve(count.result);
					};
				})
		);
		expect(eventsLeft).toBe(0);
		await context.close();
	});
});
