import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { grantRole, newAccount, noSideways, openMenuWithRoles, signInUrdu } from './staff-helpers';

/**
 * A trainer's tools are on the phone once they have signed in (src/lib/staff/keep-offline.ts):
 * a trainer who has never opened the cohort page can open it with no signal, in Urdu at 360 px,
 * and is told plainly that this cohort needs the internet once — not shown the browser's error
 * or the app's "something went wrong" — and the trainer kit it links to opens too, saying how to
 * save it. A learner's
 * phone fetches none of the staff code.
 */
const PASSWORD = 'پاکستان-2025-offline-tools';
const KEPT = 'html[data-staff-tools="kept"]';

describe.skipIf(noBrowser)('staff tools kept for offline after sign-in', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('opens the cohort page offline for a trainer who signed in but never opened it', async () => {
		const trainer = await newAccount('offline-tools-trainer', PASSWORD);
		await grantRole(trainer.email, 'COE-LHR-TC1', 'trainer');

		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await signInUrdu(page, trainer.email, PASSWORD);
		await waitForServiceWorker(page);
		// Nothing of the staff area has been opened on this phone: the trainer opens the menu,
		// whose Staff entry asks for their roles.
		await page.reload();
		await openMenuWithRoles(page);
		await page.getByRole('link', { name: 'عملہ' }).waitFor();
		await page.locator(KEPT).waitFor({ state: 'attached', timeout: 60_000 });
		expect(
			await page.evaluate(() =>
				performance.getEntriesByType('resource').some((e) => e.name.endsWith('/cohort-early.js'))
			)
		).toBe(true);

		await context.setOffline(true);
		// The staff hub and its cohort tool draw from the phone.
		await page.goto('/staff');
		await page.getByRole('link', { name: 'کوہورٹ', exact: true }).waitFor({ timeout: 30_000 });
		// A cohort never opened on this phone: its page draws and says why there is no roster.
		await page.goto(`/staff/cohorts?cohort=${randomUUID()}`);
		await page.getByRole('alert').filter({ hasText: 'انٹرنیٹ کنکشن نہیں ہے' }).waitFor({ timeout: 30_000 });
		await page.getByRole('link', { name: 'تمام کوہورٹ' }).waitFor();
		expect(await page.getByRole('heading', { name: 'کچھ گڑبڑ ہو گئی' }).count()).toBe(0);
		expect(await noSideways(page)).toBe(true);
		// The trainer kit that page links to opens too, and says how to save its guides for offline
		// (they are saved apart, from the kit page: KitOffline.svelte).
		await page.getByRole('link', { name: 'ٹرینر کٹ', exact: false }).click();
		await page.getByRole('alert').filter({ hasText: 'کٹ اس فون پر محفوظ نہیں' }).waitFor({ timeout: 30_000 });
		expect(await page.getByRole('heading', { name: 'کچھ گڑبڑ ہو گئی' }).count()).toBe(0);
		await context.close();
	});

	it('fetches no staff code on a learner’s phone', async () => {
		const learner = await newAccount('offline-tools-learner', PASSWORD);
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await signInUrdu(page, learner.email, PASSWORD);
		await waitForServiceWorker(page);
		await page.reload();
		await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
		await openMenuWithRoles(page);
		// Past the point where a staff member's phone starts fetching (idle, at most 5 s).
		await page.waitForTimeout(6000);
		const fetched = await page.evaluate(() =>
			performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
		);
		expect(fetched.some((path) => path === '/cohort-early.js')).toBe(false);
		expect(await page.locator(KEPT).count()).toBe(0);
		await context.close();
	});
});
