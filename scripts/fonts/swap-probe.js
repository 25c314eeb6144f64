// What the Nastaliq swap moves on a page (issue 17), for scripts/font-swap-shift.js and
// tests/e2e/font-swap.test.ts.
//
// The Nastaliq files are held back by a playwright route until the page has been measured in
// the fallback, then let through; the page is measured again once Nastaliq is drawn. Holding the
// file instead of delaying it by a fixed time is what a slow link does at its worst (the text is
// drawn long before the font arrives) and makes the result independent of the machine's speed.

import { writeFileSync } from 'node:fs';

/** Records layout shifts and LCP candidates from the first frame (runs before the page's scripts). */
function observe() {
	const w = /** @type {any} */ (window);
	w.__swap = { shifts: [], lcp: [] };
	new PerformanceObserver((list) => {
		for (const e of /** @type {any[]} */ (list.getEntries()))
			w.__swap.shifts.push({
				at: e.startTime,
				value: e.value,
				recent: e.hadRecentInput,
				sources: (e.sources ?? []).map((/** @type {any} */ s) => ({
					node: s.node ? describe(s.node) : null,
					from: [Math.round(s.previousRect.y), Math.round(s.previousRect.height)],
					to: [Math.round(s.currentRect.y), Math.round(s.currentRect.height)]
				}))
			});
	}).observe({ type: 'layout-shift', buffered: true });
	new PerformanceObserver((list) => {
		for (const e of /** @type {any[]} */ (list.getEntries()))
			w.__swap.lcp.push({ at: e.startTime, size: e.size, node: e.element ? describe(e.element) : null });
	}).observe({ type: 'largest-contentful-paint', buffered: true });
	/** @param {Node} n */
	function describe(n) {
		const el = /** @type {Element} */ (n.nodeType === 1 ? n : n.parentElement);
		if (!el) return '?';
		const where = el.closest('#seekh-paint') ? 'painted ' : '';
		return `${where}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
	}
}

/**
 * The text blocks a learner reads, top and height in CSS px, in document order. Painted page's
 * blocks while it is on screen, else the app's.
 * @param {import('playwright-core').Page} page
 */
export function textBlocks(page) {
	return page.evaluate(() => {
		const painted = document.getElementById('seekh-paint');
		const root = painted ?? document.querySelector('main#main');
		if (!root) return { painted: false, pageHeight: 0, blocks: [] };
		const blocks = [...root.querySelectorAll('h1, h2, h3, p, li, .button, a.card, .card')]
			.filter((el) => el.getClientRects().length > 0)
			.map((el) => {
				const r = el.getBoundingClientRect();
				return {
					tag: el.tagName.toLowerCase(),
					// A painted block laid out only near the screen, at an estimated size till then.
					held: !!el.closest('.paint-later'),
					text: (el.textContent ?? '').trim().slice(0, 30),
					top: Math.round((r.top + scrollY) * 10) / 10,
					height: Math.round(r.height * 10) / 10
				};
			});
		return {
			painted: !!painted,
			pageHeight: document.documentElement.scrollHeight,
			blocks
		};
	});
}

/** @param {import('playwright-core').Page} page */
const twoFrames = (page) =>
	page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * What the learner's text is drawn in: Nastaliq (the first face of the body's stack) or the
 * fallback (app.html holds Nastaliq back while it would swap in under drawn text).
 * @param {import('playwright-core').Page} page
 */
export const drawnInNastaliq = (page) =>
	page.evaluate(() => /^"?(Noto )?Nastaliq Urdu/.test(getComputedStyle(document.body).fontFamily));

/**
 * Opens `path` with Nastaliq held back, measures, lets the font through, measures again.
 * `ready` is what is on screen when the font arrives:
 * - 'painted': the painted page (the app's code never arrives: a slow link's first seconds);
 * - 'app': the app's page, after the hand-over;
 * - 'handover': the painted page; then the app's code is let through and takes over ("after"
 *   is the app's page, so only the shifts and the face are comparable, not the blocks).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} path
 * @param {{ ready: 'painted' | 'app' | 'handover', screenshots?: string | null }} options
 *   `screenshots`: a path prefix; the whole page is saved as `<prefix>-before.png` and `-after.png`.
 */
export async function probeSwap(context, path, { ready, screenshots = null }) {
	/** @type {Map<string, (() => void)[]>} */
	const held = new Map([
		['font', []],
		['app', []]
	]);
	const let_ = new Set();
	/** @param {'font' | 'app'} what */
	const hold = (what) => (/** @type {import('playwright-core').Route} */ route) => {
		if (let_.has(what)) return route.continue().catch(() => undefined);
		held.get(what)?.push(() => route.continue().catch(() => undefined));
	};
	/** @param {'font' | 'app'} what */
	const letThrough = (what) => {
		let_.add(what);
		for (const go of held.get(what)?.splice(0) ?? []) go();
	};
	await context.route(/\/fonts\/noto-nastaliq/, hold('font'));
	if (ready !== 'app') await context.route(/\/_app\/immutable\/.*\.js$/, hold('app'));
	await context.addInitScript(observe);
	const page = await context.newPage();
	// Not 'load': the load event waits for the held font.
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	const appDrawn = () =>
		page.waitForFunction(
			() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1')
		);
	if (ready === 'app') await appDrawn();
	else await page.waitForSelector('#seekh-paint h1');
	await twoFrames(page);
	const fontLoaded = () =>
		page.evaluate(() =>
			[...document.fonts].some((f) => /Nastaliq Urdu/.test(f.family) && f.status === 'loaded')
		);
	const fontWasHeld = held.get('font')?.length !== 0 && !(await fontLoaded());
	const before = await textBlocks(page);
	const inNastaliqBefore = await drawnInNastaliq(page);
	if (screenshots) await screenshot(page, `${screenshots}-before.png`);
	const shiftsBefore = await page.evaluate(() => /** @type {any} */ (window).__swap.shifts.length);
	letThrough('font');
	await page.waitForFunction(() =>
		[...document.fonts].some((f) => /Nastaliq Urdu/.test(f.family) && f.status === 'loaded')
	);
	await page.evaluate(() => document.fonts.ready);
	await twoFrames(page);
	if (ready === 'handover') {
		letThrough('app');
		await appDrawn();
		await page.evaluate(() => document.fonts.ready);
		await twoFrames(page);
	}
	// The swap's layout-shift entry is reported after the frame that drew it.
	await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
	const after = await textBlocks(page);
	const inNastaliqAfter = await drawnInNastaliq(page);
	if (screenshots) await screenshot(page, `${screenshots}-after.png`);
	const { shifts, lcp } = await page.evaluate(() => /** @type {any} */ (window).__swap);
	const swapShifts = shifts.slice(shiftsBefore).filter((/** @type {any} */ s) => !s.recent);
	return {
		page,
		fontWasHeld,
		inNastaliq: { before: inNastaliqBefore, after: inNastaliqAfter },
		before,
		after,
		swapCls: swapShifts.reduce((/** @type {number} */ a, /** @type {any} */ s) => a + s.value, 0),
		swapShifts,
		allShifts: shifts,
		lcp
	};
}

/**
 * The whole page as drawn now. Through CDP: playwright's screenshot waits for fonts to load,
 * and the font is being held.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 */
async function screenshot(page, path) {
	const cdp = await page.context().newCDPSession(page);
	const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
	writeFileSync(path, Buffer.from(data, 'base64'));
	// The first screen at full size, to read.
	const top = await cdp.send('Page.captureScreenshot', { format: 'png' });
	writeFileSync(path.replace(/\.png$/, '-screen.png'), Buffer.from(top.data, 'base64'));
	await cdp.detach();
}

/**
 * Per block: how much its height and top changed in the swap (same blocks, same order).
 * @param {Awaited<ReturnType<typeof textBlocks>>} before
 * @param {Awaited<ReturnType<typeof textBlocks>>} after
 */
export function blockChanges(before, after) {
	return before.blocks.map((b, i) => {
		const a = after.blocks[i];
		return {
			block: `${b.tag} ${b.text}`,
			height: a ? Math.round((a.height - b.height) * 10) / 10 : NaN,
			top: a ? Math.round((a.top - b.top) * 10) / 10 : NaN
		};
	});
}
