import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { baseURL, launchBrowser, newPhoneContext, noBrowser } from './browser';

/** The course's lessons in order, from its source (course.yaml `lessons:`). */
function readCourseLessons(course: string): string[] {
	const yaml = readFileSync(`courses/${course}/course.yaml`, 'utf8');
	const block = /^lessons:\n((?:\s+- .+\n)+)/m.exec(yaml)?.[1] ?? '';
	return [...block.matchAll(/- (\S+)/g)].map((m) => m[1] ?? '');
}

/**
 * Issue 17, "offline honesty": on a slow link (400 kbit/s, 400 ms round trips, through the
 * test proxy so the service worker's own downloads are slow too) the course panel may say
 * "works without internet" only when it is true. The learner goes offline at the very moment
 * it says so, and every learner route and the downloaded course must work. Waits are for
 * states, never for fixed times, so a loaded machine only makes it slower.
 */
const proxy = (path: string) => fetch(`${baseURL}/__e2e/network/${path}`, { method: 'POST' });

describe.skipIf(noBrowser)('offline-ready on a slow link', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await proxy('fast');
		await proxy('on');
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('says "works without internet" only when the shell, the language and the course are stored', async () => {
		await proxy('slow');
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const failures: string[] = [];
		page.on('pageerror', (e) => failures.push(e.message));

		// Printed, never asserted: how long a first visit on this link takes to become offline-ready.
		const started = Date.now();
		await page.goto('/?lang=ur', { timeout: 120_000 });
		await page.locator('main h1').waitFor({ timeout: 120_000 });
		await page.getByRole('link', { name: 'مفت اے آئی آگاہی کورس شروع کریں' }).click();
		await page.getByRole('button', { name: /آف لائن کے لیے ڈاؤن لوڈ کریں/ }).click({ timeout: 120_000 });

		// Until everything is stored the panel says it is getting ready (or still downloading).
		const ready = page.getByTestId('offline-ready');
		await page
			.locator('[data-testid=offline-getting-ready], [data-testid=offline-ready], .download progress')
			.first()
			.waitFor({ timeout: 120_000 });
		await ready.waitFor({ timeout: 170_000 });
		console.log(
			`[offline-ready] "works without internet" after ${((Date.now() - started) / 1000).toFixed(1)} s`
		);

		// The moment it says so: the network is gone, for the page and for the worker.
		await proxy('off');
		await context.setOffline(true);
		// Really gone: the server is unreachable, for the worker's fetches too.
		await expect(fetch(`${baseURL}/`)).rejects.toThrow();
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

		const routes: [string, string][] = [
			['/', 'main h1'],
			['/courses', 'main h1'],
			['/courses/ai-awareness', 'main h1'],
			['/courses/ai-awareness/what-is-ai', 'article h1'],
			['/exercises', 'main h1'],
			['/exercises/real-or-fake', 'main h1'],
			['/progress', 'main h1'],
			['/cohorts', 'main h1'],
			['/settings', 'main h1'],
			['/about', 'main h1'],
			['/privacy', 'main h1'],
			['/terms', 'main h1'],
			['/account', 'main h1']
		];
		for (const [route, heading] of routes) {
			await page.goto(route);
			await expect
				.poll(() => page.locator(heading).first().innerText(), { timeout: 30_000, message: route })
				.not.toBe('');
			// The Urdu strings and the Urdu lesson, not an error page.
			expect(await page.evaluate(() => document.documentElement.lang), route).toBe('ur');
		}
		// Every lesson of the downloaded course opens in Urdu from the stored pack, moving on
		// with the lesson's own "next" link as a learner would.
		await page.goto('/courses/ai-awareness/what-is-ai');
		const lessons = readCourseLessons('ai-awareness');
		expect(lessons.length).toBeGreaterThan(10);
		const titles = new Set<string>();
		for (const [i, id] of lessons.entries()) {
			await expect.poll(() => page.url(), { message: id }).toContain(`/courses/ai-awareness/${id}`);
			// A new title each time: the lesson itself, not the previous one or an error.
			await expect
				.poll(
					() =>
						page
							.locator('article h1')
							.first()
							.innerText()
							.catch(() => ''),
					{ message: id }
				)
				.toSatisfy((title: string) => title !== '' && !titles.has(title));
			titles.add(await page.locator('article h1').first().innerText());
			await expect(page.locator('article').getAttribute('lang'), id).resolves.toBe('ur');
			if (i < lessons.length - 1) await page.locator('a[rel=next]').click();
		}
		expect(failures).toEqual([]);
		await context.close();
	});
});
