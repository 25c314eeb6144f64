import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launchBrowser, newPhoneContext, noBrowser } from './browser';

/**
 * Issue 17: the public pages carry their content in the HTML, in the learner's language, before
 * any JavaScript runs. JavaScript is switched off here, so everything asserted came from the
 * server's first paint (src/lib/server/first-paint/).
 */
describe.skipIf(noBrowser)('content in the first paint', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** A returning learner: the app's cookie copy of their language, no JavaScript. */
	async function noScript(lang?: string): Promise<BrowserContext> {
		const context = await newPhoneContext(browser, { javaScriptEnabled: false });
		if (lang) await context.addCookies([{ name: 'seekh.lang', value: lang, url: baseURL }]);
		return context;
	}

	it('paints home, catalogue, a course and a lesson in Urdu, with Open Graph tags', async () => {
		const context = await noScript('ur');
		const page = await context.newPage();
		// Path, painted heading, and the page's title (the preview's title when the link is shared).
		const cases: [string, string, string][] = [
			['/', 'اے آئی کو قدم بہ قدم سمجھیں', 'اپنی زبان میں اے آئی سیکھیں'],
			['/courses', 'کورس', 'کورس'],
			['/courses/ai-awareness', 'قومی اے آئی آگاہی', 'قومی اے آئی آگاہی'],
			['/courses/ai-awareness/what-is-ai', 'اے آئی کیا ہے، اور کیا نہیں', 'اے آئی کیا ہے، اور کیا نہیں']
		];
		for (const [path, heading, title] of cases) {
			await page.goto(path);
			await expect(page.locator('#seekh-paint h1').innerText(), path).resolves.toBe(heading);
			expect(
				await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
			).toEqual(['ur', 'rtl']);
			const og = (p: string) => page.locator(`meta[property="og:${p}"]`).getAttribute('content');
			await expect(og('title'), path).resolves.toContain(title);
			await expect(og('locale')).resolves.toBe('ur_PK');
			expect((await og('description'))?.length ?? 0, path).toBeGreaterThan(20);
			await expect(page.title()).resolves.toContain('سیکھ');
		}
		// The painted links work without JavaScript: the course's "start" opens its first lesson.
		await page.goto('/courses/ai-awareness');
		await page.locator('#seekh-paint a.button.primary').click();
		await page.waitForURL('**/courses/ai-awareness/what-is-ai');
		await expect(page.locator('#seekh-paint h1').innerText()).resolves.toBe('اے آئی کیا ہے، اور کیا نہیں');
		// Lesson text, not only its title, and no markup from the pack.
		expect((await page.locator('#seekh-paint p').allInnerTexts()).join(' ').length).toBeGreaterThan(500);
		await context.close();
	});

	it("a shared link's ?lang= paints that language; without a language the app asks first", async () => {
		const context = await noScript();
		const page = await context.newPage();
		await page.goto('/courses/ai-awareness/what-is-ai?lang=en');
		await expect(page.locator('#seekh-paint h1').innerText()).resolves.toBe(
			'What AI is — and what it is not'
		);
		await expect(page.locator('meta[property="og:locale"]').getAttribute('content')).resolves.toBe('en_PK');
		expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');

		await page.goto('/');
		await expect(page.locator('#seekh-paint').count()).resolves.toBe(0);
		await context.close();
	});

	it('with JavaScript the app takes over from the painted page, and remembers the language for the server', async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		await page.goto('/courses/ai-awareness?lang=ur');
		await page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
		await expect(page.locator('h1').innerText()).resolves.toBe('قومی اے آئی آگاہی');
		const cookies = await context.cookies();
		expect(cookies.find((c) => c.name === 'seekh.lang')?.value).toBe('ur');
		await context.close();
	});

	it('keeps the painted page until the app has drawn the same page, then hands over at once', async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => {
			localStorage.setItem('seekh.lang', 'ur');
			// What the app had on screen at the moment the painted page went.
			new MutationObserver((records) => {
				for (const r of records)
					for (const n of r.removedNodes)
						if ((n as Element).id === 'seekh-paint')
							(window as unknown as { handOver: unknown }).handOver = {
								appHeading: document.querySelector('main#main h1')?.textContent ?? null,
								paintedHeading: (n as Element).querySelector('h1')?.textContent ?? null,
								// Lists drawn a part per frame under the copy (the catalogue's programmes,
								// a course's lessons) are whole by then.
								appItems: document.querySelectorAll('main#main li').length,
								paintedItems: (n as Element).querySelectorAll('li').length
							};
			}).observe(document, { childList: true, subtree: true });
		});
		const page = await context.newPage();
		for (const path of ['/courses', '/courses/ai-awareness', '/courses/ai-awareness/what-is-ai']) {
			await page.goto(path);
			const handOver = await page.waitForFunction(
				() => (window as unknown as { handOver?: unknown }).handOver
			);
			const { appHeading, paintedHeading, appItems, paintedItems } = (await handOver.jsonValue()) as Record<
				string,
				string | number | null
			>;
			expect(paintedHeading, path).toBeTruthy();
			expect(appHeading, path).toBe(paintedHeading);
			if (path !== '/courses/ai-awareness/what-is-ai') {
				expect(paintedItems, path).toBeGreaterThan(2);
				expect(appItems, path).toBe(paintedItems);
			}
		}
		await context.close();
	});

	it('hands the lesson over with its header and first screenful, then draws the rest in later steps, in order', async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => {
			localStorage.setItem('seekh.lang', 'ur');
			new MutationObserver((records) => {
				for (const r of records)
					for (const n of r.removedNodes)
						if ((n as Element).id === 'seekh-paint')
							(window as unknown as { handOver: unknown }).handOver = {
								header: !!document.querySelector('header.app-header'),
								blocks: document.querySelector('main#main article')?.children.length ?? 0,
								// Where the app's lesson ends on screen once the copy is gone.
								bottom: document.querySelector('main#main article')?.getBoundingClientRect().bottom ?? 0,
								headings: [...(n as Element).querySelectorAll('h2')].map((h) => h.textContent?.trim())
							};
			}).observe(document, { childList: true, subtree: true });
		});
		const page = await context.newPage();
		await page.goto('/courses/ai-awareness/what-is-ai');
		const handOver = (await (
			await page.waitForFunction(() => (window as unknown as { handOver?: unknown }).handOver)
		).jsonValue()) as { header: boolean; blocks: number; bottom: number; headings: string[] };
		// The header was drawn before the page (src/routes/+layout.svelte): the swap moves nothing.
		expect(handOver.header).toBe(true);
		expect(handOver.blocks).toBeGreaterThan(1);
		// The lesson is drawn in small steps under the copy, which goes only once they fill the
		// screen: no part of the screen is blank for a frame.
		const screenHeight = await page.evaluate(() => innerHeight);
		expect(handOver.bottom, 'the hand-over fills the screen').toBeGreaterThanOrEqual(screenHeight);
		// What follows the lesson (mark as done, the next lesson) comes once every block is drawn.
		await page.locator('main#main nav.lesson-nav').waitFor();
		const blocks = await page.locator('main#main article > *').count();
		expect(blocks, 'drawn in more than one step').toBeGreaterThan(handOver.blocks);
		const headings = (await page.locator('main#main article h2').allInnerTexts()).map((h) => h.trim());
		expect(handOver.headings.length).toBeGreaterThan(2);
		expect(headings, 'every section, in the painted order').toEqual(handOver.headings);
		await context.close();
	});

	it("hands over with every page's title where it was painted, at 100% and 200% text", async () => {
		// English: no font comes in at the hand-over, so any move is the two copies' boxes differing
		// (the lesson's reading switches were missing from the painted copy: 105 px; the header
		// was a fixed bar, 103 px short of the app's at 200%).
		for (const textScale of [100, 200]) {
			const context = await newPhoneContext(browser);
			await context.addCookies([{ name: 'seekh.lang', value: 'en', url: baseURL }]);
			await context.addInitScript((scale) => {
				localStorage.setItem('seekh.lang', 'en');
				localStorage.setItem('seekh.a11y', JSON.stringify({ textScale: scale }));
			}, textScale);
			for (const path of ['/', '/courses', '/courses/ai-awareness', '/courses/ai-awareness/what-is-ai']) {
				const page = await context.newPage();
				const release = await holdAppCode(page);
				await page.goto(path, { waitUntil: 'domcontentloaded' });
				await page.locator('#seekh-paint h1').waitFor();
				const titleTop = () =>
					page.evaluate(() => {
						const title = [...document.querySelectorAll('main h1')].find((h) => h.checkVisibility());
						return Math.round(title?.getBoundingClientRect().top ?? -1);
					});
				const painted = await titleTop();
				release();
				await page.waitForFunction(() => !document.getElementById('seekh-paint'), undefined, {
					timeout: 30_000
				});
				expect(await titleTop(), `${path} at ${textScale}%`).toBe(painted);
				await page.close();
			}
			await context.close();
		}
	});

	it("paints a lesson's reading switches as this device has them; easy read waits for the app", async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		let modes: Record<string, boolean> = { readAloud: true };
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const open = async (path: string) => {
			const page = await context.newPage();
			// This device's reading modes, as the settings page stores them.
			await page.addInitScript((stored) => localStorage.setItem('seekh.a11y', stored), JSON.stringify(modes));
			await holdAppCode(page);
			await page.goto(path, { waitUntil: 'domcontentloaded' });
			return page;
		};
		// Read-aloud controls on: painted ticked, easy read not; neither works before the app.
		let page = await open('/courses/ai-awareness/what-is-ai');
		await page.locator('#seekh-paint h1').waitFor();
		expect(
			await page.evaluate(() =>
				[...document.querySelectorAll<HTMLInputElement>('#seekh-paint input[data-mode]')].map(
					(box) => `${box.dataset.mode} ${box.checked} ${box.disabled}`
				)
			)
		).toEqual(['easyRead false true', 'readAloud true true']);
		await page.close();
		// Easy read on: the painted text is the full version, which the app will not draw here.
		modes = { readAloud: false, easyRead: true };
		page = await open('/courses/ai-awareness/what-is-ai');
		await page.waitForLoadState('domcontentloaded');
		expect(await page.locator('#seekh-paint').count()).toBe(0);
		await page.close();
		// A lesson with no easy version is what the app draws for them too: painted.
		page = await open('/courses/ai-foundations-ethics/ai-security');
		await page.locator('#seekh-paint h1').waitFor();
		await page.close();
		await context.close();
	});

	it('keeps a learner who scrolled the painted page where they were reading when the app takes over', async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		for (const path of ['/courses/ai-awareness/what-is-ai', '/courses']) {
			const page = await context.newPage();
			// A slow link: the app's code arrives only after the learner has started reading, and
			// Nastaliq with it.
			const release = await holdAppCode(page, ['**/fonts/**']);
			await page.goto(path, { waitUntil: 'domcontentloaded' });
			await page.locator('#seekh-paint h1').waitFor();
			// The app draws in the painted copy's font (app.html), so its lines break where the
			// painted ones did; a block it draws differently must still not move the learner's
			// place. Made certain here: the painted paragraphs are wider than the app's.
			await page.addStyleTag({ content: '#seekh-paint p { word-spacing: 0.8em }' });
			// The learner is three quarters of the way through the page's longest paragraph, at the
			// reading line: where the app's shorter copy of it used to leave the gap after it.
			const y = await page.evaluate(() => {
				const line = Math.round(innerHeight / 4);
				const longest = [...document.querySelectorAll('#seekh-paint p')].sort(
					(a, b) => b.getBoundingClientRect().height - a.getBoundingClientRect().height
				)[0]!;
				const box = longest.getBoundingClientRect();
				scrollTo(0, scrollY + box.top + 0.75 * box.height - line);
				return scrollY;
			});
			// What the learner sees is the next frame: a long lesson's blocks near the screen are laid
			// out then (`paint-later`), and the browser keeps the text in view where it was.
			await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
			// The painted text under the reading line.
			const reading = () =>
				page.evaluate(
					() =>
						document
							.elementFromPoint(180, Math.round(innerHeight / 4))
							?.closest('p, li, h1, h2, h3, dd')
							?.textContent?.trim() ?? ''
				);
			const before = await reading();
			expect(before.length, path).toBeGreaterThan(5);
			release();
			await page.waitForFunction(() => !document.getElementById('seekh-paint'), undefined, {
				timeout: 30_000
			});
			// Not scrolled back to the top by the app's start (the same scroll offset would not do:
			// the app's paragraphs are shorter here).
			expect(await page.evaluate(() => scrollY), path).toBeGreaterThan(y / 2);
			await expect(reading(), path).resolves.toBe(before);
			await page.close();
		}
		await context.close();
	});

	it("lays a long lesson's later blocks out as the learner reaches them, with nothing moving on screen", async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => {
			localStorage.setItem('seekh.lang', 'ur');
			const w = window as unknown as { shifts: number };
			w.shifts = 0;
			new PerformanceObserver((list) => {
				for (const e of list.getEntries() as (PerformanceEntry & {
					value: number;
					hadRecentInput: boolean;
				})[])
					if (!e.hadRecentInput) w.shifts += e.value;
			}).observe({ type: 'layout-shift', buffered: true });
		});
		const page = await context.newPage();
		// The painted page alone: the app's code never comes in this test.
		const release = await holdAppCode(page);
		// A Skill Development lesson: over 10,000 characters of Nastaliq, several screens.
		await page.goto('/courses/ai-foundations-ethics/ai-security', { waitUntil: 'domcontentloaded' });
		await page.locator('#seekh-paint h1').waitFor();
		const frame = () =>
			page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
		await frame();
		// The blocks held back for later begin below the first screen, and the first screen has
		// text in every block (none of it waiting at a placeholder size).
		const first = await page.evaluate(() => {
			const later = [...document.querySelectorAll('#seekh-paint .paint-later')];
			const top = later[0]?.getBoundingClientRect().top ?? 0;
			const onScreen = [...document.querySelectorAll('#seekh-paint [lang] > *')].filter(
				(el) => el.getBoundingClientRect().top < innerHeight
			);
			return {
				later: later.length,
				top,
				screen: innerHeight,
				held: onScreen.filter((el) => getComputedStyle(el).contentVisibility !== 'visible').length
			};
		});
		expect(first.later, 'blocks laid out later').toBeGreaterThan(3);
		expect(first.top).toBeGreaterThanOrEqual(first.screen);
		expect(first.held).toBe(0);
		// The learner reads to the end, half a screen at a time: each block is drawn as it comes.
		for (;;) {
			const more = await page.evaluate(() => {
				scrollBy(0, innerHeight / 2);
				return innerHeight + scrollY < document.documentElement.scrollHeight - 1;
			});
			await frame();
			if (!more) break;
		}
		const last = await page.evaluate(() => {
			const block = [...document.querySelectorAll('#seekh-paint .paint-later')].at(-1)!;
			const box = block.getBoundingClientRect();
			const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 20));
			return { inView: box.top < innerHeight && box.bottom > 0, drawn: !!hit && block.contains(hit) };
		});
		expect(last).toEqual({ inView: true, drawn: true });
		expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
		release();
		await context.close();
	});

	it('keeps the keyboard on the painted link a learner had tabbed to when the app takes over', async () => {
		const context = await newPhoneContext(browser);
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		// The first Tab reaches the painted header's link (the app's name), the next ones the page's.
		for (const [path, tabs] of [
			['/courses/ai-awareness/what-is-ai', 2],
			['/', 3],
			['/courses', 1]
		] as const) {
			const page = await context.newPage();
			// A slow link: the app's code arrives only after the learner has tabbed into the page.
			const release = await holdAppCode(page);
			await page.goto(path, { waitUntil: 'domcontentloaded' });
			await page.locator('#seekh-paint h1').waitFor();
			for (let i = 0; i < tabs; i++) await page.keyboard.press('Tab');
			const focused = () =>
				page.evaluate(() => {
					const el = document.activeElement;
					return {
						painted: !!el?.closest('#seekh-paint'),
						inApp: !!el?.closest('main#main, header.app-header'),
						path: el instanceof HTMLAnchorElement ? new URL(el.href).pathname : el?.tagName,
						text: el?.textContent?.trim() ?? ''
					};
				});
			const before = await focused();
			expect(before.painted, path).toBe(true);
			release();
			await page.waitForFunction(() => !document.getElementById('seekh-paint'), undefined, {
				timeout: 30_000
			});
			// Neither the app's start nor the hand-over sent the focus back to the top of the page.
			const after = await focused();
			expect(after.inApp, path).toBe(true);
			expect(after.path, path).toBe(before.path);
			// The next Tab goes on from there: to something after it in the page, not the skip link.
			await page.keyboard.press('Tab');
			expect(
				await page.evaluate(() => document.activeElement?.classList.contains('skip-link') ?? true),
				path
			).toBe(false);
			await page.close();
		}
		await context.close();
	});

	it("asks for the app's code only once the painted page is on screen", async () => {
		const context = await newPhoneContext(browser);
		const page = await context.newPage();
		for (const path of ['/?lang=ur', '/courses/ai-awareness/what-is-ai?lang=en']) {
			await page.goto(path);
			await page.waitForFunction(() => !document.getElementById('seekh-paint'));
			const [paint, start] = await page.evaluate(() => [
				performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
				performance.getEntriesByType('resource').find((r) => r.name.includes('/_app/immutable/entry/start'))
					?.startTime ?? null
			]);
			expect(paint, path).not.toBeNull();
			expect(start, path).not.toBeNull();
			// SvelteKit's own start script imports the app while the page is still being parsed.
			expect(start!, path).toBeGreaterThanOrEqual(paint!);
		}
		await context.close();
	});

	it('never paints a language the app will not draw; a choice updates the cookie at once', async () => {
		const context = await newPhoneContext(browser);
		// A stale cookie: this device chose English since the server last heard.
		await context.addCookies([{ name: 'seekh.lang', value: 'ur', url: baseURL }]);
		await context.addInitScript(() => {
			if (!sessionStorage.getItem('seeded')) {
				localStorage.setItem('seekh.lang', 'en');
				sessionStorage.setItem('seeded', '1');
			}
			document.addEventListener('DOMContentLoaded', () => {
				(window as unknown as { painted: string | null }).painted =
					document.getElementById('seekh-paint')?.getAttribute('data-lang') ?? null;
			});
		});
		const page = await context.newPage();
		const painted = () => page.evaluate(() => (window as unknown as { painted: string | null }).painted);
		await page.goto('/courses');
		await page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
		await expect(painted()).resolves.toBeNull();
		await expect(page.locator('main#main h1').innerText()).resolves.toBe('Courses');
		// The app brings the server's copy up to date as it starts.
		expect((await context.cookies()).find((c) => c.name === 'seekh.lang')?.value).toBe('en');

		// The switch writes the cookie in the same task as the choice, before anything can reload.
		await page.getByTestId('menu-button').click();
		const cookieAfterChoice = await page.evaluate(() => {
			const select = document.querySelector<HTMLSelectElement>('#header-language')!;
			select.value = 'ur';
			select.dispatchEvent(new Event('change', { bubbles: true }));
			return document.cookie;
		});
		expect(cookieAfterChoice).toContain('seekh.lang=ur');
		await page.reload();
		await page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
		await expect(painted()).resolves.toBe('ur');
		await expect(page.locator('main#main h1').innerText()).resolves.toBe('کورس');
		await context.close();
	});
});

/**
 * A slow link: the app's code is held back until the returned function is called, so the
 * learner can read, scroll or tab through the painted page before the app starts.
 */
async function holdAppCode(page: Page, also: string[] = []): Promise<() => void> {
	let release = () => {};
	const arrived = new Promise<void>((resolve) => (release = resolve));
	for (const pattern of ['**/_app/**', ...also])
		await page.route(pattern, async (route) => {
			await arrived;
			await route.continue();
		});
	return release;
}
