import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser } from './browser';
import { newEmail, sessionUserId, submitEmailForm, waitForSyncStatus } from './learner-helpers';

/**
 * Settings follow the account (docs/accessibility.md, docs/sync.md): the same learner on two
 * phones, against the real embedded backend. Text size, theme and language chosen on one
 * arrive on the other after its next sync, and the value the second phone applied is not
 * recorded again (no echo between devices).
 */
const ALL_SAVED = 'ساری پیش رفت محفوظ ہے';

interface SettingEvent {
	device_id: string;
	payload: { key: string; value: unknown };
}

async function serverSettings(owner: string): Promise<SettingEvent[]> {
	const { url, serviceKey } = inject('backend');
	const response = await fetch(
		`${url}/rest/v1/learner_events?owner=eq.${owner}&type=eq.setting_changed&select=device_id,payload&order=seq`,
		{ headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` } }
	);
	if (!response.ok) throw new Error(`learner_events: ${response.status} ${await response.text()}`);
	return (await response.json()) as SettingEvent[];
}

/** What <html> carries: the language and the accessibility modes the CSS keys off. */
function shell(page: Page) {
	return page.evaluate(() => ({
		lang: document.documentElement.lang,
		theme: document.documentElement.dataset.theme,
		textScale: document.documentElement.dataset.textScale
	}));
}

async function signInUrdu(page: Page, email: string, password: string, button: string) {
	await page.goto('/');
	await chooseLanguage(page, 'ur');
	await page.goto('/account');
	await submitEmailForm(page, email, password, button);
	await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
	await waitForSyncStatus(page, 'idle', ALL_SAVED);
}

describe.skipIf(noBrowser)('settings follow the account', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('text size, theme and language chosen on one phone reach the other after sync', async () => {
		const email = newEmail('settings-learner');
		const password = 'پاکستان-2025-seekh';
		const first = await newPhoneContext(browser);
		const second = await newPhoneContext(browser);
		const one = await first.newPage();
		const two = await second.newPage();
		await signInUrdu(one, email, password, 'اکاؤنٹ بنائیں');
		await signInUrdu(two, email, password, 'سائن ان کریں');
		const account = await sessionUserId(one);
		expect(await shell(two)).toMatchObject({ lang: 'ur', textScale: '100' });

		// Phone one: 150 % text, high contrast, then Sindhi — through the settings page itself.
		await one.goto('/settings');
		await one.locator('input[type=radio][name$="-textScale"]').nth(2).check();
		await one.locator('input[type=radio][name$="-theme"]').nth(3).check();
		await one.locator('#settings-language-select').selectOption('sd');
		await one.waitForFunction(() => document.documentElement.lang === 'sd');
		await expect
			.poll(async () => (await serverSettings(account)).map((e) => e.payload), { timeout: 30_000 })
			.toEqual([
				{ key: 'textScale', value: 150 },
				{ key: 'theme', value: 'high-contrast' },
				{ key: 'language', value: 'sd' }
			]);

		// Phone two syncs when the app opens again, and applies all three.
		await two.reload();
		await expect
			.poll(() => shell(two), { timeout: 30_000 })
			.toEqual({ lang: 'sd', theme: 'high-contrast', textScale: '150' });
		await two.goto('/settings');
		await expect(two.locator('input[type=radio][name$="-textScale"]').nth(2).isChecked()).resolves.toBe(true);

		// And back: a choice on phone two reaches phone one; phone two's applied values were
		// not pushed again, so the server holds each choice once, from the phone it was made on.
		await two.locator('input[type=radio][name$="-theme"]').nth(2).check();
		await expect.poll(async () => (await serverSettings(account)).length, { timeout: 30_000 }).toBe(4);
		const events = await serverSettings(account);
		expect(new Set(events.slice(0, 3).map((e) => e.device_id)).size).toBe(1);
		expect(events[3]?.device_id).not.toBe(events[0]?.device_id);
		expect(events[3]?.payload).toEqual({ key: 'theme', value: 'dark' });
		await one.reload();
		await expect
			.poll(() => shell(one), { timeout: 30_000 })
			.toEqual({ lang: 'sd', theme: 'dark', textScale: '150' });

		await first.close();
		await second.close();
	});
});
