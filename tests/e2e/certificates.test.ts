import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { certBackend, certifiedLearner } from './cert-backend';

describe.skipIf(noBrowser)('certificate verification in a real browser', () => {
	let browser: Browser;
	const backend = certBackend();
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	// The app server is shared by every suite: never leave its network cut.
	afterEach(() => backend.restoreNetwork());
	afterAll(async () => {
		await browser?.close();
	});

	it('verifies in the browser, then again with the network cut, saying the status is as of a date', async () => {
		const { code } = await certifiedLearner(backend, 'عائشہ خان');
		const context = await newPhoneContext(browser, { baseURL: backend.url });
		const page = await context.newPage();
		await page.goto(`/verify/${code}?lang=en`);
		const report = page.locator('[data-result]');
		await report.waitFor({ timeout: 30_000 });
		expect(await report.getAttribute('data-result')).toBe('valid');
		await expect(page.locator('.holder').innerText()).resolves.toBe('عائشہ خان');
		await expect(page.locator('.freshness').innerText()).resolves.toContain('checked online just now');
		await waitForServiceWorker(page);

		await context.setOffline(true);
		await backend.cutNetwork();
		await page.reload();
		await report.waitFor({ timeout: 30_000 });
		expect(await report.getAttribute('data-result')).toBe('valid');
		await expect(page.locator('.freshness').innerText()).resolves.toMatch(/as of .*saved on this device/);

		// Offline, a tampered copy pasted in is still caught by the cached keys.
		await page.goto('/verify');
		const jwt = await page.evaluate(async (c) => {
			return new Promise<string>((resolve) => {
				const open = indexedDB.open('seekh');
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get(`cert:credential:${c}`);
					get.onsuccess = () => resolve((get.result as { value: { value: string } }).value.value);
				};
			});
		}, code);
		const [h, p, s] = jwt.split('.');
		const forged = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as {
			credentialSubject: { name: string };
		};
		forged.credentialSubject.name = 'Someone Else';
		await page
			.locator('#pasted')
			.fill(`${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`);
		await page.locator('#pasted ~ button').click();
		await page.locator('[data-result]').waitFor();
		expect(await page.locator('[data-result]').getAttribute('data-result')).toBe('invalid-signature');
		await page.locator('#pasted').fill('not a credential');
		await page.locator('#pasted ~ button').click();
		await page.locator('[data-result="malformed"]').waitFor();
		await context.close();
		await backend.restoreNetwork();
	});

	it('tells a verifier on a fresh device with no network to connect once', async () => {
		const context = await newPhoneContext(browser, { baseURL: backend.url });
		const page = await context.newPage();
		await page.goto('/verify?lang=en');
		await page.locator('h1').waitFor();
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await backend.cutNetwork();
		await page.goto('/verify/7K3M-9QXR-2B4T-8VWZ');
		await expect(page.locator('[role="alert"] p').innerText()).resolves.toContain(
			'Connect to the internet once'
		);
		await context.close();
		await backend.restoreNetwork();
	});

	it('rate-limits public look-ups with a clear 429', async () => {
		// Malformed codes are refused before the database, so this measures the limiter alone.
		// A caller address of its own: the browser suites sharing this server keep their budget.
		const headers = { 'x-forwarded-for': '198.51.100.7' };
		let last: Response | undefined;
		for (let i = 0; i < 40; i++)
			last = await fetch(`${backend.url}/api/certificates/not-a-code`, { headers });
		expect(last?.status).toBe(429);
		const body = (await last!.json()) as { error: string; message: string };
		expect(body.error).toBe('rate_limited');
		expect(body.message).toMatch(/Try again in \d+ seconds/);
	});
});
