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

	it('Nastaliq comes in with the hand-over to the app, and nothing shifts', async () => {
		for (const path of [HOME, LESSON]) {
			const context = await newPhoneContext(browser, { viewport: { width: 412, height: 640 } });
			const r = await probeSwap(context, path, { ready: 'handover' });
			expect(r.fontWasHeld, path).toBe(true);
			expect(r.inNastaliq, path).toEqual({ before: false, after: true });
			expect(r.swapCls, `${path}: ${JSON.stringify(r.swapShifts)}`).toBeLessThan(0.01);
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
