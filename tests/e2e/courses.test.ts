import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';

/**
 * The awareness course, start to finish, with the network cut: download in Urdu while
 * online, then read a lesson, answer its quiz and complete it offline; after another offline
 * reload the progress is still there (Dexie), and the pack still opens (Cache API).
 */
describe.skipIf(noBrowser)('courses offline', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('downloads the awareness course in Urdu and completes a lesson and its quiz offline', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await waitForServiceWorker(page);

		await page.goto('/courses/ai-awareness');
		const download = page.getByRole('button', { name: /آف لائن کے لیے ڈاؤن لوڈ کریں/ });
		await download.click();
		await page.getByText('اس آلے پر محفوظ ہے۔').waitFor();
		const stored = await page.evaluate(async () =>
			(await (await caches.open('seekh-packs')).keys()).map((r) => new URL(r.url).pathname)
		);
		expect(stored.some((p) => /^\/packs\/ai-awareness\/ur\.[0-9a-f]{12}\.json$/.test(p))).toBe(true);

		await context.setOffline(true);
		await page.reload();
		await page.getByRole('link', { name: 'کورس شروع کریں' }).click();
		await page.waitForURL('**/courses/ai-awareness/what-is-ai');
		const article = page.locator('article');
		await expect(article.getAttribute('lang')).resolves.toBe('ur');
		await expect(article.getAttribute('dir')).resolves.toBe('rtl');
		await expect(article.locator('h1').innerText()).resolves.not.toBe('');

		// Answer every question with its first option; feedback is announced in words.
		const questions = await page.locator('.quiz legend .position').innerText();
		const total = Number(
			/(\d+)/.exec(questions.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))))?.[1]
		);
		expect(total).toBeGreaterThan(0);
		for (let i = 0; i < total; i++) {
			await page.locator('.quiz fieldset input').first().check();
			await page.getByRole('button', { name: 'میرا جواب جانچیں' }).click();
			await expect(page.locator('.quiz [role="status"]').innerText()).resolves.toMatch(
				/صحیح جواب|یہ جواب درست نہیں/
			);
			await page.locator('.quiz button.primary').click();
		}
		await page.locator('.quiz .score').waitFor();
		await page.getByRole('button', { name: 'میں نے یہ سبق مکمل کر لیا' }).click();
		await page.locator('.completion .done').first().waitFor();

		// Offline reload: the lesson opens from the stored pack and remembers completion.
		await page.reload();
		await page.locator('.completion .done').first().waitFor();
		await page.goto('/courses/ai-awareness');
		await page.getByText(/جاری رکھیں/).waitFor();
		await expect(page.locator('.outline li').first().innerText()).resolves.toContain('✓');
		const events = await page.evaluate(
			() =>
				new Promise<string[]>((resolve, reject) => {
					const open = indexedDB.open('seekh');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const all = open.result.transaction('events').objectStore('events').getAll();
						all.onsuccess = () => resolve((all.result as { type: string }[]).map((e) => e.type));
					};
				})
		);
		expect(events).toContain('lesson_opened');
		expect(events).toContain('quiz_completed');
		expect(events).toContain('lesson_completed');
		expect(events.filter((e) => e === 'quiz_answered')).toHaveLength(total);
		await context.close();
	});

	it('says clearly when a course is not downloaded and the network is off', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		await waitForServiceWorker(page);
		await page.goto('/courses');
		await page.getByRole('link', { name: 'قومی اے آئی آگاہی' }).waitFor();
		await context.setOffline(true);
		await page.goto('/courses/ai-public-servants/ai-basics-for-government');
		await expect(page.getByRole('alert').innerText()).resolves.toContain(
			'آپ آف لائن ہیں اور یہ کورس ابھی ڈاؤن لوڈ نہیں ہوا۔'
		);
		// One message with its way out, not "the lesson is loading" above an error.
		await expect(page.getByRole('alert').count()).resolves.toBe(1);
		await expect(page.getByText('سبق کھل رہا ہے').count()).resolves.toBe(0);
		await expect(page.getByRole('link', { name: 'کورس کا خاکہ' }).count()).resolves.toBe(1);
		// The catalogue itself still works offline from its saved copy.
		await page.goto('/courses');
		await expect.poll(() => page.getByRole('status').first().innerText()).toContain('آف لائن');
		await context.close();
	});
});
