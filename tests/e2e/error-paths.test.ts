import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { chooseLanguage, launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';

/**
 * "Bad input gets a clear, translated error and loses nothing", in a real browser with the
 * built app and its service worker: a pack server answering 500 and 404, a truncated pack,
 * a full disk, a broken IndexedDB, garbage in localStorage and a failing catalogue. Every
 * message is checked against the Urdu locale files, and every test checks what must survive.
 */
const ur = (ns: string) => JSON.parse(readFileSync(`locales/ur/${ns}.json`, 'utf8'));
const course = ur('course');
const common = ur('common');
const AWARENESS = '**/packs/ai-awareness/ur.*.json';

/** What is stored for offline use: pack paths in the Cache API and rows in Dexie. */
async function storedPacks(page: Page): Promise<{ cached: string[]; rows: string[] }> {
	return page.evaluate(async () => {
		const cache = await caches.open('seekh-packs');
		const cached = (await cache.keys())
			.map((r) => new URL(r.url).pathname)
			.filter((p) => p !== '/packs/index.json');
		const rows = await new Promise<string[]>((resolve) => {
			const open = indexedDB.open('seekh');
			open.onerror = () => resolve([]);
			open.onsuccess = () => {
				const all = open.result.transaction('packs').objectStore('packs').getAll();
				all.onsuccess = () =>
					resolve(
						(all.result as { course_id: string; lang: string; hash: string }[]).map(
							(r) => `${r.course_id}/${r.lang}.${r.hash}`
						)
					);
			};
		});
		return { cached, rows };
	});
}

describe.skipIf(noBrowser)('error paths (Urdu)', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let errors: string[];

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** A fresh phone in Urdu; `init` runs before any page script (to break storage). */
	async function urdu(init?: () => void, withWorker = true): Promise<void> {
		context = await newPhoneContext(browser);
		if (init) await context.addInitScript(init);
		page = await context.newPage();
		errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/');
		await chooseLanguage(page, 'ur');
		if (withWorker) await waitForServiceWorker(page);
	}

	const alert = () => page.getByRole('alert');
	const downloadButton = () => page.getByRole('button', { name: /آف لائن کے لیے ڈاؤن لوڈ کریں/ });

	it('a pack server answering 500, then 404: translated errors, and retry works once it is fine', async () => {
		await urdu();
		let status = 500;
		await context.route(AWARENESS, (route: Route) => route.fulfill({ status, body: 'down' }));
		await page.goto('/courses/ai-awareness');
		await downloadButton().click();
		await expect(alert().innerText()).resolves.toContain(course.error.server);

		status = 404;
		await alert().getByRole('button', { name: course.error.retry }).click();
		await page.getByText(course.error.notFound).waitFor();

		await context.unroute(AWARENESS);
		await alert().getByRole('button', { name: course.error.retry }).click();
		await page.getByText(course.course.downloadedNote).waitFor();
		await expect(alert().count()).resolves.toBe(0);
		const { cached, rows } = await storedPacks(page);
		expect(cached.filter((p) => p.startsWith('/packs/ai-awareness/ur.'))).toHaveLength(1);
		expect(rows.filter((r) => r.startsWith('ai-awareness/ur.'))).toHaveLength(1);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a truncated pack: says it is damaged, offers to download again, keeps the good copy', async () => {
		await urdu();
		await page.goto('/courses/ai-awareness');
		await downloadButton().click();
		await page.getByText(course.course.downloadedNote).waitFor();
		const before = await storedPacks(page);

		// A new version appears in the catalogue, and its file arrives cut in half.
		const index = await (await page.request.get('/packs/index.json')).json();
		const ref = index.courses.find((c: { id: string }) => c.id === 'ai-awareness').packs.ur;
		const good = await (await page.request.get(ref.url)).text();
		const newUrl = ref.url.replace(/\.[0-9a-f]{12}\.json$/, '.0123456789ab.json');
		Object.assign(ref, { url: newUrl, hash: '0123456789ab' });
		let truncated = true;
		await context.route('**/packs/index.json', (route) => route.fulfill({ json: index }));
		await context.route(`**${newUrl}`, (route) =>
			route.fulfill({
				contentType: 'application/json',
				body: truncated ? good.slice(0, good.length / 2) : good
			})
		);
		await page.reload();
		await page.getByText(course.course.updateAvailable).waitFor();
		await page.getByRole('button', { name: /نیا ورژن ڈاؤن لوڈ کریں/ }).click();
		await expect(alert().innerText()).resolves.toContain(course.error.corrupt);
		expect(await storedPacks(page)).toEqual(before);

		// The old copy still opens, even with the network off.
		await context.setOffline(true);
		await page.goto('/courses/ai-awareness/what-is-ai');
		await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
		await context.setOffline(false);

		// Fixed on the server: "download again" replaces the old copy with the new one.
		truncated = false;
		await page.goto('/courses/ai-awareness');
		await page.getByRole('button', { name: /نیا ورژن ڈاؤن لوڈ کریں/ }).click();
		await page.getByText(course.course.downloadedNote).waitFor();
		expect((await storedPacks(page)).cached).toEqual([newUrl]);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a truncated first download is not kept: re-download works and the lesson opens', async () => {
		await urdu();
		let truncated = true;
		await context.route(AWARENESS, async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			await route.fulfill({ response, body: truncated ? body.slice(0, 200) : body });
		});
		await page.goto('/courses/ai-awareness');
		await downloadButton().click();
		await expect(alert().innerText()).resolves.toContain(course.error.corrupt);
		// The damaged file must not be pinned in the cache, or the reader would keep failing.
		await page.waitForTimeout(300);
		expect((await storedPacks(page)).cached).toEqual([]);
		truncated = false;
		await page.goto('/courses/ai-awareness/what-is-ai');
		await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
		await page.goto('/courses/ai-awareness');
		await downloadButton().click();
		await page.getByText(course.course.downloadedNote).waitFor();
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a stored pack damaged on the device: says so, and the course offers the download again', async () => {
		await urdu();
		await page.goto('/courses/ai-awareness');
		await downloadButton().click();
		await page.getByText(course.course.downloadedNote).waitFor();
		const [url] = (await storedPacks(page)).cached;
		await page.evaluate(async (u) => {
			await (await caches.open('seekh-packs')).put(u!, new Response('{"format":1,"course":"ai-awa'));
		}, url);

		await context.setOffline(true);
		await page.goto('/courses/ai-awareness/what-is-ai');
		await expect(alert().innerText()).resolves.toContain(course.error.corrupt);
		await context.setOffline(false);
		await alert().getByRole('link', { name: course.lesson.backToCourse }).click();
		await downloadButton().click();
		await page.getByText(course.course.downloadedNote).waitFor();
		await context.setOffline(true);
		await page.goto('/courses/ai-awareness/what-is-ai');
		await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
		expect(errors).toEqual([]);
		await context.close();
	});

	it.each([
		['Cache API', 'cache'],
		['IndexedDB (Dexie)', 'idb']
	])(
		'a full disk while downloading (%s): says what to do, and the app keeps running',
		async (_name, where) => {
			await urdu();
			await context.addInitScript((target: string) => {
				const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				if (target === 'cache') Cache.prototype.put = () => Promise.reject(full());
				else {
					const put = IDBObjectStore.prototype.put;
					IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
						if (this.name === 'packs') throw full();
						return put.apply(this, args);
					};
				}
			}, where);
			await page.goto('/courses/ai-awareness');
			await downloadButton().click();
			await expect(alert().innerText()).resolves.toContain(course.error.quota);
			expect(await storedPacks(page)).toEqual({ cached: [], rows: [] });
			// Still running: the lesson reads from the network, the other pages open.
			await page.getByRole('link', { name: course.course.start }).click();
			await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
			await page.goto('/courses');
			await page.getByRole('link', { name: 'قومی اے آئی آگاہی' }).waitFor();
			expect(errors).toEqual([]);
			await context.close();
		}
	);

	it('a broken IndexedDB: lessons still open, with the "progress is not kept" notice', async () => {
		await urdu(() => {
			// What Chromium reports for a corrupt database: opening fails with UnknownError.
			IDBFactory.prototype.open = function () {
				const request = new EventTarget() as IDBOpenDBRequest;
				Object.defineProperty(request, 'error', {
					value: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')
				});
				Object.defineProperty(request, 'readyState', { value: 'done' });
				request.addEventListener('error', (event) => request.onerror?.call(request, event));
				setTimeout(() => request.dispatchEvent(new Event('error', { cancelable: true })));
				return request;
			};
		});
		await page.goto('/courses/ai-awareness/what-is-ai');
		await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
		await page.getByText(course.lesson.progressUnsaved).waitFor();
		await page.getByRole('button', { name: course.lesson.markDone }).click();
		await page
			.getByRole('link', { name: /اگلا|next/i })
			.first()
			.click();
		await expect(page.locator('article h1').innerText()).resolves.not.toBe('');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('garbage in localStorage: runs in Urdu with default settings, no crash', async () => {
		await urdu(undefined, false);
		const attributes = () =>
			page.evaluate(() => {
				const { lang, dir, dataset } = document.documentElement;
				// Which Nastaliq face a painted page holds back (app.html) is not a setting.
				const { nastaliq: _font, ...settings } = dataset;
				return { lang, dir, ...settings };
			});
		const defaults = await attributes();
		await page.evaluate(() => {
			localStorage.setItem('seekh.lang', '\u0000garbage<script>');
			localStorage.setItem('seekh.a11y', '{"theme": "neon", "textScale": 9000,');
		});
		await page.reload();
		await page.locator('main#main h1').waitFor();
		expect(defaults).toMatchObject({ lang: 'ur', dir: 'rtl' });
		await expect(attributes()).resolves.toEqual(defaults);
		await expect(page.locator('button[data-lang]').count()).resolves.toBe(0);
		await page.goto('/settings');
		await expect(page.locator('h1').innerText()).resolves.toBe(common.settings.heading);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('the catalogue answering 500 with no saved copy: a translated error with retry', async () => {
		await urdu(undefined, false);
		await context.route('**/packs/index.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
		await page.goto('/courses');
		await expect(alert().innerText()).resolves.toContain(course.error.server);
		await context.unroute('**/packs/index.json');
		await alert().getByRole('button', { name: course.error.retry }).click();
		await page.getByRole('link', { name: 'قومی اے آئی آگاہی' }).waitFor();
		await expect(alert().count()).resolves.toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});
});
