import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { certBackend, plantCode } from './cert-backend';
import {
	deviceEvents,
	deviceMeta,
	newEmail,
	serverEvents,
	sessionUserId,
	submitEmailForm,
	waitForSyncStatus
} from './learner-helpers';

const COURSE = 'ai-public-servants';
// Real keys are sealed (issue 10): the test stack seeds a stand-in key for the real pool.
const key = keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${COURSE}`, import.meta.url)));
// What the learner reads on the confirm-your-email step (the Urdu screen has its own
// component test; this journey stays in one language, so no language change races the sync).
const words = (
	JSON.parse(readFileSync(new URL('../../locales/en/cert.json', import.meta.url), 'utf8')) as {
		assessment: {
			start: string;
			contact: {
				heading: { email: string };
				send: string;
				code: string;
				confirm: string;
				sent: { email: string };
				problems: { wrongCode: string };
			};
		};
	}
).assessment;

/**
 * The whole certificate path through the app's own code: sign up on /account, confirm the
 * email with a one-time code on the assessment page (sign-ups are not confirmed by
 * mail, issue 10), download the course (which also fetches attempt tickets), take the final assessment with no network,
 * reconnect — the app's sync runner delivers the attempt by itself, the server grades it —
 * claim the certificate and verify it on another browser.
 */
describe.skipIf(noBrowser)('final assessment offline → certificate → verified elsewhere', () => {
	let browser: Browser;
	const network = certBackend();
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(() => network.restoreNetwork());
	afterAll(async () => {
		await browser?.close();
	});

	it('takes the assessment offline from tickets fetched at download, syncs by itself, and the certificate verifies elsewhere', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/account?lang=en');
		await waitForServiceWorker(page);
		const email = newEmail('officer');
		await submitEmailForm(page, email, 'correct horse battery', 'Create account');
		await page.getByRole('heading', { name: /^Signed in as/ }).waitFor();
		const account = await sessionUserId(page);

		// The final assessment first asks to confirm the email with a code.
		await page.goto(`/assessment/${COURSE}`);
		await page.getByRole('heading', { name: words.contact.heading.email }).waitFor({ timeout: 30_000 });
		await page.getByRole('button', { name: words.contact.send, exact: true }).click();
		await page
			.getByRole('status')
			.filter({ hasText: words.contact.sent.email.split('{{who}}')[0]!.trim() })
			.waitFor();
		const code = await plantCode(network.stack, email);
		const field = page.getByLabel(words.contact.code);
		await expect(field.getAttribute('autocomplete')).resolves.toBe('one-time-code');
		await expect(field.getAttribute('inputmode')).resolves.toBe('numeric');
		// A wrong code is refused with a clear message and loses nothing.
		await field.fill(code === '000000' ? '111111' : '000000');
		await page.getByRole('button', { name: words.contact.confirm, exact: true }).click();
		await page.getByRole('alert').filter({ hasText: words.contact.problems.wrongCode }).waitFor();
		await field.fill(code);
		await page.getByRole('button', { name: words.contact.confirm, exact: true }).click();
		// Confirmed: the page carries on to the assessment, with attempts kept on the device.
		await page.getByRole('button', { name: words.start, exact: true }).waitFor({ timeout: 30_000 });
		// The code's session is the one the app keeps: still the same account.
		expect(await sessionUserId(page)).toBe(account);

		// Downloading the course for offline use also keeps attempt tickets on the device.
		await page.goto(`/courses/${COURSE}`);
		await page.getByRole('button', { name: /Download for offline/ }).click();
		await page.getByText('Saved on this device.').waitFor();
		await expect
			.poll(
				() =>
					deviceMeta(page, `assessment-tickets:${COURSE}`).then(
						(b) => (b as { tickets?: unknown[] })?.tickets?.length
					),
				{
					timeout: 30_000
				}
			)
			.toBe(3);

		// Network cut before the assessment page was ever opened online.
		await context.setOffline(true);
		await network.cutNetwork();
		await page.goto(`/assessment/${COURSE}`);
		await page.getByRole('button', { name: 'Start the assessment' }).click();
		// evaluateAll does not wait: poll until the drawn questions have rendered (slow machines).
		const readNames = () =>
			page
				.locator('fieldset input')
				.evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
		await expect.poll(async () => (await readNames()).length, { timeout: 30_000 }).toBe(10);
		const names = await readNames();
		expect(names).toHaveLength(10);
		for (const question of names)
			for (const option of key[question]!.map(String))
				await page.locator(`input[name="${question}"][value="${option}"]`).check();
		await page.getByRole('button', { name: 'Submit my answers' }).click();
		await page.locator('[role="status"]').filter({ hasText: 'Your answers are saved' }).waitFor();
		await page
			.getByTestId('sync-status')
			.filter({ hasText: /waiting for a connection/ })
			.waitFor();

		// Back online: nobody pushes anything by hand — the app's runner syncs on `online`.
		await network.restoreNetwork();
		await context.setOffline(false);
		await waitForSyncStatus(page, 'idle', 'All progress saved');
		const sent = await deviceEvents(page);
		expect(sent.filter((e) => e.type === 'assessment_submitted')).toHaveLength(1);
		expect(sent.every((e) => e.sync === 1)).toBe(true);
		const onServer = await serverEvents(account);
		expect(onServer.filter((e) => e.type === 'assessment_submitted')).toHaveLength(1);
		expect(onServer.filter((e) => e.type === 'assessment_answered')).toHaveLength(
			sent.filter((e) => e.type === 'assessment_answered').length
		);

		// The server's grade appears; the learner claims the certificate in their own script.
		await page.goto('/certificates');
		const passed = page.locator('[data-status="passed"]');
		await passed.waitFor({ timeout: 30_000 });
		// Pass/fail and the pass mark, never a score (issue 10: a score leaks the key).
		await expect(passed.innerText()).resolves.toContain('Passed (pass mark 70%)');
		await expect(passed.innerText()).resolves.not.toMatch(/100\s*%/);
		await expect(passed.locator('h3').innerText()).resolves.toBe('AI for Public Servants');
		await page.getByLabel('Your name on the certificate').fill('فاطمہ بی بی');
		await page.getByLabel('Issuing centre').selectOption('peshawar');
		await page.getByRole('button', { name: 'Get my certificate' }).click();
		await page.getByRole('link', { name: 'View and print' }).click();
		await page.locator('.sheet .name').waitFor();
		await expect(page.locator('.sheet .name').innerText()).resolves.toBe('فاطمہ بی بی');
		const link = await page.locator('.sheet p.link').innerText();
		expect(link).toMatch(/\/verify\/[0-9A-Z]{16}$/);
		// The QR code (the seal is a picture too, with its own label).
		await expect.poll(() => page.locator('.sheet svg[role="img"]:not(.seal)').count()).toBe(1);

		// Someone else, on another browser, checks it.
		const verifier = await newPhoneContext(browser);
		const other = await verifier.newPage();
		await other.goto(`${new URL(link).pathname}?lang=en`);
		await other.locator('[data-result]').waitFor({ timeout: 30_000 });
		expect(await other.locator('[data-result]').getAttribute('data-result')).toBe('valid');
		await expect(other.locator('.holder').innerText()).resolves.toBe('فاطمہ بی بی');
		await verifier.close();
		await context.close();
	});
});
