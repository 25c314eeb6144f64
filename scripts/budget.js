// Byte budget for a learner's first visit, measured in Chromium (npm run budget).
//
// Builds the app, serves it as `npm start` does, opens `/` in a fresh phone-sized Chromium and
// records every response the page requested. Sizes are the gzip size of each body (level 9),
// so the figures do not depend on whether the server chose brotli. Fails above 100 KB gzip
// before fonts (issue 17: "first visit stays ≤ 100 KB gzip before fonts"), or above 250 KB with
// them (Urdu's Nastaliq is most of that). The figure without Nastaliq alone is printed too, so a
// Sindhi or Pashto learner's cost with their Naskh font stays in view. The service worker's background
// precache is printed too: it costs data, but no learner waits for it. Then Lighthouse mobile
// runs on home, catalogue, a course and a lesson in Urdu and English (printed, not a gate;
// `--no-lighthouse` skips it, `--lighthouse-runs=N` prints medians of N runs, `--pages=lesson-ur`
// measures only those pages, `--lighthouse-save=DIR` keeps each JSON, `--lighthouse-diagnostics`
// prints what the simulation was fed: main-thread work per script, long tasks, blocking files;
// `--painted-only` blocks the app's code, so the figures are the server's painted page alone;
// a plain HTML page with production's headers is measured in each round and printed first, the
// host's floor under every page: `--no-floor` leaves it out).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from './free-port.js';
import { serveBuild } from './serve-build.js';
import { runLighthouse } from './lighthouse-budget.js';

const LIMIT_BEFORE_FONTS = 100 * 1024;
const LIMIT_WITH_FONTS = 250 * 1024;
const PORT = Number(process.env.BUDGET_PORT ?? (await freePort()));
const chromiumPath = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find((p) => p && existsSync(p));
if (!chromiumPath) {
	console.error('Chromium is needed to measure the budget: sudo apt-get install -y chromium');
	process.exit(1);
}

if (!process.argv.includes('--no-build'))
	execSync('npm run build', {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' }
	});
// `--build-dir=DIR`: serve another build (e.g. a copy of main's) to compare at the same load.
// Served by `npm start`'s own server, so what is measured carries production's headers: its
// Cross-Origin-Opener-Policy alone moves Lighthouse's TBT (docs/performance.md, session 17).
const buildDir = process.argv.find((a) => a.startsWith('--build-dir='))?.split('=')[1] ?? 'build';
const { base, stop } = await serveBuild(buildDir, PORT);

const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});

const scenarios = [
	{ name: 'first visit to / (language not yet chosen)', url: '/', init: null },
	{ name: 'first visit to / in Urdu (returning learner, cold cache)', url: '/', init: 'ur' },
	{ name: 'first visit to / in Sindhi (Naskh font)', url: '/', init: 'sd' },
	{ name: 'first visit to / in English', url: '/', init: 'en' }
];

let failed = false;
// `--pages=lesson-ur,home-en` measures only those pages in Lighthouse and skips the byte
// budget (`--bytes` keeps it): one page, three runs, in a minute or two.
const bytesToo = !process.argv.some((a) => a.startsWith('--pages=')) || process.argv.includes('--bytes');
for (const scenario of bytesToo ? scenarios : []) {
	const { page: pageRows, worker: workerRows } = await measure(scenario);
	printTable(scenario.name, pageRows);
	const total = sum(pageRows);
	const nastaliq = sum(pageRows.filter((r) => r.url.includes('nastaliq')));
	const fonts = sum(pageRows.filter((r) => r.type === 'font'));
	const beforeFonts = total - fonts;
	const ok = beforeFonts <= LIMIT_BEFORE_FONTS && total <= LIMIT_WITH_FONTS;
	console.log(
		`  total ${kb(total)} gzip: ${kb(beforeFonts)} before fonts, ${kb(total - nastaliq)} without Nastaliq (limits ${kb(LIMIT_BEFORE_FONTS)} before fonts / ${kb(LIMIT_WITH_FONTS)} with them) ${ok ? 'OK' : 'OVER BUDGET'}`
	);
	console.log(
		`  service-worker precache in the background: ${workerRows.length} files, ${kb(sum(workerRows))} gzip\n`
	);
	if (!ok) failed = true;
}

await browser.close();
if (bytesToo) printPrecache();

// Lighthouse per route and language: printed, not a gate (see scripts/lighthouse-budget.js).
if (!process.argv.includes('--no-lighthouse')) {
	const runsArg = process.argv.find((a) => a.startsWith('--lighthouse-runs='));
	const pagesArg = process.argv.find((a) => a.startsWith('--pages='));
	const saveArg = process.argv.find((a) => a.startsWith('--lighthouse-save='));
	await runLighthouse(base, {
		chromiumPath,
		runs: runsArg ? Number(runsArg.split('=')[1]) || 1 : 1,
		pages: pagesArg ? pagesArg.split('=')[1].split(',') : null,
		saveDir: saveArg ? saveArg.split('=')[1] : null,
		paintedOnly: process.argv.includes('--painted-only'),
		floor: !process.argv.includes('--no-floor')
	});
}
stop();
process.exit(failed ? 1 : 0);

async function measure({ url, init }) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 640 },
		serviceWorkers: 'allow'
	});
	if (init) {
		await context.addInitScript((lang) => localStorage.setItem('seekh.lang', lang), init);
		// The app's cookie copy of the language: the server paints the page's text into the HTML.
		await context.addCookies([{ name: 'seekh.lang', value: init, url: base }]);
	}
	const page = [];
	const worker = [];
	const pending = [];
	context.on('requestfinished', (request) => {
		pending.push(
			(async () => {
				// A request finishing as the context closes (a loaded machine) is not counted.
				const response = await request.response().catch(() => null);
				if (!response) return;
				const body = await response.body().catch(() => Buffer.alloc(0));
				const row = {
					url: request.url().replace(base, ''),
					type: kind(request.url(), request.resourceType()),
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length
				};
				(request.serviceWorker() ? worker : page).push(row);
			})()
		);
	});
	const tab = await context.newPage();
	await tab.goto(base + url, { waitUntil: 'networkidle' });
	await tab.evaluate(() => document.fonts.ready);
	await Promise.all(pending);
	// The first visit is what the page fetched until now; what follows is the worker's precache
	// (and the warm-up of the chosen language through it), which no learner waits for.
	const firstVisit = [...page];
	await tab.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 180_000 });
	await Promise.all(pending);
	await context.close();
	return { page: firstVisit, worker };
}

/**
 * The whole precache a first visit downloads before the app works offline (the learner core;
 * see scripts/precache-split.ts), read from the built worker's manifest.
 */
function printPrecache() {
	const worker = readFileSync(`${buildDir}/client/service-worker.js`, 'utf8');
	const urls = [...worker.matchAll(/"url":"([^"]*)"/g)].map((m) => m[1]);
	let bytes = 0;
	for (const url of urls) {
		const file = [`${buildDir}/client/`, `${buildDir}/prerendered/`]
			.flatMap((dir) => [dir + url, `${dir + (url === '/' ? 'index' : url)}.html`])
			.find((f) => existsSync(f) && statSync(f).isFile());
		if (file) bytes += gzipSync(readFileSync(file), { level: 9 }).length;
	}
	console.log(
		`service-worker precache (learner core, offline-ready after it): ${urls.length} files, ${kb(bytes)} gzip`
	);
}

function kind(url, resourceType) {
	if (/\.woff2?$/.test(url)) return 'font';
	if (resourceType === 'document') return 'html';
	if (resourceType === 'script' || url.endsWith('.js')) return 'js';
	if (resourceType === 'stylesheet' || url.endsWith('.css')) return 'css';
	return 'other';
}

function printTable(title, rows) {
	console.log(`\n${title}`);
	console.log(`  ${'type'.padEnd(6)}${'files'.padStart(6)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
	for (const type of ['html', 'js', 'css', 'font', 'other']) {
		const group = rows.filter((r) => r.type === type);
		if (!group.length) continue;
		console.log(
			`  ${type.padEnd(6)}${String(group.length).padStart(6)}${kb(group.reduce((a, r) => a + r.raw, 0)).padStart(11)}${kb(sum(group)).padStart(11)}`
		);
	}
	const listed = process.argv.includes('--files') ? rows : rows.filter((r) => r.type === 'font');
	for (const r of listed.sort((a, b) => b.gzip - a.gzip)) console.log(`    ${r.type} ${r.url} ${kb(r.gzip)}`);
}

function sum(rows) {
	return rows.reduce((a, r) => a + r.gzip, 0);
}

function kb(bytes) {
	return `${(bytes / 1024).toFixed(1)} KB`;
}
