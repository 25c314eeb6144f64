import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser } from './browser';
import { blockChanges, drawnInNastaliq, probeSwap } from '../../scripts/fonts/swap-probe.js';

/**
 * Issue 17: on a slow link Nastaliq arrives after the painted Urdu text is on screen. Its lines
 * break at other words than the fallback's, so swapping it in re-wrapped paragraphs and pushed
 * the rest of the page down (a layout shift of 0.20 on the lesson at 412 px). The font is held
 * back by the test (scripts/fonts/swap-probe.js) until the page has been measured, so this does
 * not depend on the machine's speed. `node scripts/font-swap-shift.js` prints the same figures.
 */
const HOME = '/?lang=ur';
const LESSON = '/courses/ai-awareness/what-is-ai?lang=ur';

describe.skipIf(noBrowser)('Nastaliq that arrives late moves nothing', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const width of [360, 412])
		for (const path of [HOME, LESSON])
			it(`on the painted page, ${width} px: ${path}`, async () => {
				const context = await newPhoneContext(browser, { viewport: { width, height: 640 } });
				const r = await probeSwap(context, path, { ready: 'painted' });
				expect(r.fontWasHeld, 'the font arrived before the text was drawn').toBe(true);
				expect(r.before.painted && r.after.painted).toBe(true);
				expect(r.swapCls, JSON.stringify(r.swapShifts)).toBeLessThan(0.01);
				const moved = blockChanges(r.before, r.after).filter(
					(c) => Math.abs(c.height) > 3 || Math.abs(c.top) > 3
				);
				expect(moved, 'blocks whose height or place changed').toEqual([]);
				await context.close();
			});

	it("a font that is here by the page's load is in its first paint: no layout in the fallback, no Naskh file", async () => {
		// A good link: nothing held back. The window's load waits for the preloaded font; a font
		// here before the first frame has to be let in before it, or the page is laid out in the
		// fallback, which on this machine (DejaVu has no ے) also asks for the app's Naskh file, and
		// then again in Nastaliq (issue 17). In Lighthouse's runs Chromium lays the page out right
		// after the window's load, before the link's own load event, hence app.html's check at the
		// window's load; this browser mostly does not, so the test guards the outcome, not that
		// order. On a busy machine the parser may draw a frame before the load: the text is then on
		// screen in the fallback and rightly stays so (the tests above), so such a load does not
		// count. Three loads must count.
		let counted = 0;
		for (let attempt = 1; counted < 3; attempt++) {
			const context = await newPhoneContext(browser, { viewport: { width: 360, height: 640 } });
			const page = await context.newPage();
			await page.route('**/_app/**', (route) => route.abort());
			const fonts: string[] = [];
			page.on('request', (r) => {
				if (r.url().endsWith('.woff2')) fonts.push(new URL(r.url()).pathname);
			});
			await page.addInitScript(() => {
				const w = window as unknown as { __frame?: { at: number; held: boolean }; __load?: number };
				requestAnimationFrame(() => {
					const held = document.documentElement.classList.contains('nastaliq-held');
					w.__frame = { at: performance.now(), held };
				});
				addEventListener('load', () => (w.__load = performance.now()));
				// The page's own wait for the font (document.fonts.load in app.html) answers late, as
				// it does when the file arrives just before the load: the load has to let it in.
				const load = document.fonts.load.bind(document.fonts);
				document.fonts.load = (...args) => {
					const answer = load(...args);
					return new Promise((resolve) => setTimeout(() => resolve(answer), 1500));
				};
			});
			await page.goto(LESSON, { waitUntil: 'load' });
			await page.waitForFunction(() => document.fonts.status === 'loaded');
			await page.waitForTimeout(1800);
			const { frame, load } = await page.evaluate(() => {
				const w = window as unknown as { __frame: { at: number; held: boolean }; __load: number };
				return { frame: w.__frame, load: w.__load };
			});
			await context.close();
			if (frame.at < load) {
				expect(attempt, 'too many loads drew a frame before the font was in').toBeLessThan(8);
				continue;
			}
			expect(fonts, `load ${attempt}`).toEqual(['/fonts/noto-nastaliq-urdu-ur-400.woff2']);
			expect(frame.held, `load ${attempt}: the first frame was drawn in the fallback`).toBe(false);
			counted++;
		}
	});

	it("the app takes over in the painted page's font: nothing moves, and its copy is no later largest paint", async () => {
		// Nastaliq arrives while the painted page is read; then the app's code. The app's copy used
		// to be drawn in Nastaliq at the hand-over: its lines broke elsewhere, and being a few
		// percent larger than the painted text it became the page's LCP seconds after that text
		// was on screen (7–10 s on slow 4G; docs/performance.md, session 21).
		for (const path of [HOME, LESSON]) {
			const context = await newPhoneContext(browser, { viewport: { width: 412, height: 915 } });
			// As on a phone, whose own Naskh (the held fallback) has every Urdu letter: this
			// machine's DejaVu lacks ے and ہ, which come from the app's Naskh file, so text painted
			// before that file arrives is narrower, and its first paint is what LCP records.
			// The page is shown once that file is here. (An init script runs before <html> exists.)
			await context.addInitScript(() => {
				const hide = () => document.documentElement && (document.documentElement.style.visibility = 'hidden');
				if (!hide()) {
					const found = new MutationObserver(() => hide() && found.disconnect());
					found.observe(document, { childList: true });
				}
				addEventListener('DOMContentLoaded', () => {
					void document.fonts.load('1em "Noto Naskh Arabic"', 'ےہ').finally(() => {
						document.documentElement.style.visibility = '';
					});
				});
			});
			const r = await probeSwap(context, path, { ready: 'handover' });
			expect(r.fontWasHeld, path).toBe(true);
			expect(r.inNastaliq, path).toEqual({ before: false, after: false });
			expect(r.swapCls, `${path}: ${JSON.stringify(r.swapShifts)}`).toBeLessThan(0.01);
			// Every block the painted page lays out at once: the lesson's first callout is among
			// them. From the first held block on, a painted lesson's blocks have an estimated size
			// until the learner nears them, and the app draws a long lesson in steps.
			const held = r.before.blocks.findIndex((b) => b.held);
			const moved = blockChanges(r.before, r.after)
				.slice(0, held < 0 ? undefined : held)
				.filter((c) => !(Math.abs(c.height) <= 1 && Math.abs(c.top) <= 1));
			expect(moved, `${path}: blocks drawn elsewhere by the app`).toEqual([]);
			const fromApp = r.lcp.filter((e: { node: string | null }) => !e.node?.startsWith('painted '));
			expect(fromApp, `${path}: ${JSON.stringify(r.lcp)}`).toEqual([]);
			if (path === LESSON) {
				// The next page the learner opens is drawn in Nastaliq.
				await r.page.locator('main#main a[href="/courses/ai-awareness"]').first().click();
				await r.page.waitForURL('**/courses/ai-awareness');
				await r.page.waitForFunction(() => !!document.querySelector('main#main h1'));
				await expect(drawnInNastaliq(r.page)).resolves.toBe(true);
			}
			await context.close();
		}
	});

	it('after the app has drawn, Nastaliq waits for the next page the learner opens', async () => {
		const context = await newPhoneContext(browser, { viewport: { width: 412, height: 640 } });
		const r = await probeSwap(context, LESSON, { ready: 'app' });
		expect(r.fontWasHeld).toBe(true);
		expect(r.swapCls, JSON.stringify(r.swapShifts)).toBeLessThan(0.01);
		expect(r.inNastaliq).toEqual({ before: false, after: false });
		// The lesson's way back to its course: the next page is drawn in Nastaliq.
		await r.page.locator('main#main a[href="/courses/ai-awareness"]').first().click();
		await r.page.waitForURL('**/courses/ai-awareness');
		await r.page.waitForFunction(() => !!document.querySelector('main#main h1'));
		await expect(drawnInNastaliq(r.page)).resolves.toBe(true);
		await context.close();
	});
});
