// When a learner's largest text is painted on a real slow link (issue 17), candidate by candidate.
//
//   node scripts/lcp-slow-link.js [--build-dir=build] [--pages=home-ur,lesson-en] [--wait=14000]
//
// Lighthouse's default run simulates slow 4G from a fast load, in which Nastaliq arrives before
// the first frame. On a phone on slow 4G it arrives after it, the painted page stays in the held
// fallback, and the app's copy, drawn in Nastaliq, takes over seconds later. This opens each page
// in a fresh phone-sized Chromium with slow 4G and a 4× slower CPU applied (Lighthouse's
// "devtools" throttling figures: 562.5 ms a request, 1.4 Mbit/s down), and prints every
// `largest-contentful-paint` entry: when, how large, and whether the element was the server's
// painted copy or the app's. A later, larger entry from the app is the learner's LCP in the field
// (and in Chrome's field data) though the same text was readable at the first one.
import { chromium } from 'playwright-core';
import { serveBuild } from './serve-build.js';
import { ROUTES, LANGUAGES } from './lighthouse-budget.js';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? null;
const buildDir = arg('build-dir') ?? 'build';
const only = arg('pages')?.split(',') ?? null;
const wait = Number(arg('wait') ?? 14_000);
const { base, stop } = await serveBuild(buildDir);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});

try {
	console.log(`LCP entries on applied slow 4G and 4× CPU, 412×823 (${wait / 1000} s a page)`);
	for (const route of ROUTES)
		for (const lang of LANGUAGES) {
			if (only && !only.includes(`${route.name}-${lang}`)) continue;
			const entries = await lcpEntries(`${base}${route.path}?lang=${lang}`);
			console.log(`${route.name}-${lang}`);
			for (const e of entries)
				console.log(
					`  ${`${e.time} ms`.padStart(9)} ${`${e.size} px²`.padStart(11)}  ${e.copy.padEnd(7)} <${e.tag}> ${e.text}`
				);
			const first = entries[0];
			const last = entries.at(-1);
			if (first && last && last.copy === 'app' && first.copy === 'painted')
				console.log(
					`  the app's copy is ${(((last.size - first.size) / first.size) * 100).toFixed(1)}% larger: LCP moves from ${first.time} to ${last.time} ms`
				);
		}
} finally {
	await browser.close();
	stop();
}

/** @param {string} url */
async function lcpEntries(url) {
	const context = await browser.newContext({
		viewport: { width: 412, height: 823 },
		deviceScaleFactor: 1.75,
		isMobile: true,
		hasTouch: true
	});
	await context.addInitScript(() => {
		/** @type {any} */ (window).__lcp = [];
		new PerformanceObserver((list) => {
			for (const entry of /** @type {any[]} */ (list.getEntries())) {
				const element = /** @type {Element | null} */ (entry.element);
				/** @type {any} */ (window).__lcp.push({
					time: Math.round(entry.startTime),
					size: entry.size,
					copy: element ? (element.closest('#seekh-paint') ? 'painted' : 'app') : 'removed',
					tag: element?.tagName.toLowerCase() ?? '?',
					text: (element?.textContent ?? '').trim().slice(0, 40)
				});
			}
		}).observe({ type: 'largest-contentful-paint', buffered: true });
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 562.5,
		downloadThroughput: (1638.4 * 0.9 * 1024) / 8,
		uploadThroughput: (675 * 0.9 * 1024) / 8
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	await page.goto(url);
	await page.waitForTimeout(wait);
	const entries = await page.evaluate(() => /** @type {any} */ (window).__lcp);
	await context.close();
	return /** @type {Array<{ time: number, size: number, copy: string, tag: string, text: string }>} */ (
		entries
	);
}
