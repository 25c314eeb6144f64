import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { startCertBackend, type CertBackend } from './cert-backend';
import { signUp } from '../integration/stack-helpers';

const key = parse(
	readFileSync(
		fileURLToPath(new URL('../fixtures/cert-courses/cert-sample/assessment/key.yaml', import.meta.url)),
		'utf8'
	)
) as Record<string, unknown[]>;

/** Reads this device's outbox (Dexie `events`, sync = 0) straight from IndexedDB. */
function pendingEvents(page: Page) {
	return page.evaluate(
		() =>
			new Promise<Record<string, unknown>[]>((resolve, reject) => {
				const open = indexedDB.open('seekh');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('events').objectStore('events').getAll();
					all.onsuccess = () => resolve((all.result as { sync: number }[]).filter((e) => e.sync === 0));
				};
			})
	);
}

describe.skipIf(noBrowser)('final assessment offline → certificate → verified elsewhere', () => {
	let browser: Browser;
	let backend: CertBackend;
	beforeAll(async () => {
		[browser, backend] = await Promise.all([launchBrowser(), startCertBackend()]);
	});
	afterAll(async () => {
		await browser?.close();
		await backend?.stop();
	});

	it('takes the assessment with no network, is graded on the server after sync, and the certificate verifies on a second browser', async () => {
		const learner = await signUp(backend.stack.url, backend.stack.anonKey);
		const context = await newPhoneContext(browser, { baseURL: backend.url });
		const page = await context.newPage();
		// Signed in (the session supabase-js keeps under `seekh-auth`; the sign-in screen is not part of this suite).
		await page.goto('/?lang=en');
		await page.evaluate(
			({ token, id }) => {
				localStorage.setItem('seekh-auth', JSON.stringify({ access_token: token, user: { id } }));
			},
			{ token: learner.token, id: learner.id }
		);
		await waitForServiceWorker(page);

		// Online once: the page fetches attempt tickets and keeps them on the device.
		await page.goto('/assessment/cert-sample');
		await page.getByRole('button', { name: 'Start the assessment' }).waitFor();
		// What sign-in adoption does: this device's events now belong to the account.
		await page.evaluate(
			(id) =>
				new Promise<void>((resolve) => {
					const open = indexedDB.open('seekh');
					open.onsuccess = () => {
						const tx = open.result.transaction('meta', 'readwrite');
						tx.objectStore('meta').put({ key: 'owner', value: id });
						tx.oncomplete = () => resolve();
					};
				}),
			learner.id
		);

		// Network cut: the attempt still runs from the stored ticket.
		await context.setOffline(true);
		await backend.cutNetwork();
		await page.reload();
		await page.getByRole('button', { name: 'Start the assessment' }).click();
		const names = await page
			.locator('fieldset input')
			.evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
		expect(names).toHaveLength(4);
		for (const question of names)
			for (const option of key[question]!.map(String))
				await page.locator(`input[name="${question}"][value="${option}"]`).check();
		await page.getByRole('button', { name: 'Submit my answers' }).click();
		await page.locator('[role="status"]').filter({ hasText: 'Your answers are saved' }).waitFor();

		// Back online: the outbox goes to the server through the real sync_push RPC.
		await backend.restoreNetwork();
		await context.setOffline(false);
		const events = await pendingEvents(page);
		expect(events.map((e) => e.type)).toContain('assessment_submitted');
		const pushed = await learner.client.rpc('sync_push', { events: events.map(({ sync: _s, ...e }) => e) });
		expect(pushed.error).toBeNull();
		expect((pushed.data as { rejected: unknown[] }).rejected).toEqual([]);

		// The graded result appears; the learner claims the certificate in their own script.
		await page.goto('/certificates');
		await page.locator('[data-status="passed"]').waitFor({ timeout: 30_000 });
		await expect(page.locator('[data-status="passed"]').innerText()).resolves.toContain('Passed: 100%');
		await expect(page.locator('[data-status="passed"] h3').innerText()).resolves.toBe(
			'Certification Sample Course'
		);
		await page.getByLabel('Your name on the certificate').fill('فاطمہ بی بی');
		await page.getByLabel('Issuing centre').selectOption('peshawar');
		await page.getByRole('button', { name: 'Get my certificate' }).click();
		await page.getByRole('link', { name: 'View and print' }).click();
		await page.locator('.sheet .name').waitFor();
		await expect(page.locator('.sheet .name').innerText()).resolves.toBe('فاطمہ بی بی');
		const link = await page.locator('.sheet .link').innerText();
		expect(link).toMatch(/\/verify\/[0-9A-Z]{16}$/);
		await expect(page.locator('.sheet svg[role="img"]').count()).resolves.toBe(1);

		// Someone else, on another browser, checks it.
		const verifier = await newPhoneContext(browser, { baseURL: backend.url });
		const other = await verifier.newPage();
		await other.goto(`${new URL(link).pathname}?lang=en`);
		await other.locator('[data-result]').waitFor({ timeout: 30_000 });
		expect(await other.locator('[data-result]').getAttribute('data-result')).toBe('valid');
		await expect(other.locator('.holder').innerText()).resolves.toBe('فاطمہ بی بی');
		await verifier.close();
		await context.close();
	});
});
