// The phone half of `npm run bench:cohort -- --phone`: builds the app against the bench's stack,
// serves it with adapter-node, signs the trainer in through the app's own form in Chromium and
// times the cohort page on a mid-range phone profile. See scripts/bench-cohort.js.
//
// "A mid-range phone", two ways, every case measured under both (slow 4G for both):
// - "Lighthouse mobile (4×)": Chromium's CPU slowed 4× whatever the host, as Lighthouse's mobile
//   preset does. Lighthouse's own BenchmarkIndex on this shared VM moves between about 1,000 and
//   1,760 (CPU steal), so 4× is anywhere from a low-tier to a mid-tier phone.
// - "DevTools mid-tier (calibrated to 1000)": the CPU slowdown that brings this host, now, to the
//   BenchmarkIndex of a mid-tier phone (a Pixel 5 scores 1000; a low-tier Moto G4 Power 2022
//   scores 264). Found the way Chrome DevTools' CPU calibration does it
//   (front_end/panels/mobile_throttling/CalibrationController.ts in ChromeDevTools/devtools-frontend:
//   midScore = 1000, lowScore = 264, each benchmark 250 ms, bisection of
//   Emulation.setCPUThrottlingRate to within 10 points, at most 8 steps, rates truncated to 0.01):
//   Lighthouse's computeBenchmarkIndex (lighthouse/core/lib/page-functions.js, `pageFunctions`)
//   run in a blank page with each rate. The host's unthrottled index is Lighthouse's own 1 s run.
//   It is re-calibrated at the start of every run, since the machine's load changes. A host that
//   scores under 1000 unthrottled is slower than the phone: that profile then runs at 1× (said).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
import { freePort } from './free-port.js';
import { buildAppFor } from './stack/build-app.js';

const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 7);
/** Lighthouse's mobile profile: a mid-range phone on slow 4G. */
const PHONE = { cpuSlowdown: 4, latencyMs: 150, downKbps: 1600, upKbps: 750 };
/** DevTools' calibration targets (CalibrationController.ts): a Pixel 5, a Moto G4 Power 2022. */
const MID_TIER_INDEX = 1000;
const LOW_TIER_INDEX = 264;
/** DevTools runs each benchmark for 250 ms (Lighthouse's own run is 1 s: 500 ms per half). */
const BENCHMARK_HALF_MS = 125;
/** What DevTools' performance panel records: main-thread tasks, script evaluation, V8 samples. */
const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'blink.user_timing',
	'loading',
	'disabled-by-default-v8.cpu_profiler'
];

/**
 * @param {{ stack: { url: string, anonKey: string, serviceKey: string }, cohort: string,
 *   email: string, password: string, learners: number }} options
 */
export async function openOnPhone({ stack, cohort, email, password, learners }) {
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath))
		throw new Error(`--phone needs Chromium at ${chromiumPath} (or CHROMIUM_PATH)`);
	// BENCH_BUILDS=main=build-bench/main,branch=build-bench/branch: builds made earlier for this
	// stack's fixed address (scripts/bench-cohort-build.js), opened in turn on every run, so two
	// versions of the app are compared at the same machine load. Without it: a build of this tree.
	const builds = process.env.BENCH_BUILDS
		? process.env.BENCH_BUILDS.split(',').map((pair) => {
				const [label, dir] = pair.split('=');
				return { label, dir };
			})
		: [{ label: '', dir: 'build' }];
	if (!process.env.BENCH_BUILDS) {
		console.log('  building the app for this stack…');
		buildAppFor(stack.url, stack.anonKey);
		// The e2e suite reuses a build only when it was made for its own stack: this one was not.
		rmSync('build/e2e-backend.json', { force: true });
	}
	const keyDir = mkdtempSync(join(tmpdir(), 'seekh-bench-keys-'));
	const servers = [];
	for (const build of builds) {
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		servers.push({
			...build,
			origin,
			process: spawn(process.execPath, [build.dir], {
				env: {
					...process.env,
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: origin,
					PUBLIC_SUPABASE_URL: stack.url,
					PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
					SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
					CERT_DEV_KEY_FILE: join(keyDir, 'keys.json'),
					SEEKH_DEV_KEYS: '1',
					CERT_SIGNATORIES: JSON.stringify({ islamabad: { name: 'Bench', title: { en: 'Bench' } } })
				},
				stdio: ['ignore', 'ignore', 'inherit']
			})
		});
	}
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
		headless: true
	});
	/** @type {Record<string, number[]>} */
	const times = {};
	const add = (label, value) => (times[label] ??= []).push(value);
	let rosterBytes = 0;
	let rosterJsonBytes = 0;
	try {
		for (let run = 0; run < RUNS; run++) {
			// Re-calibrated each run: the machine's load (and so the rate a mid-tier phone needs) moves.
			const calibration = await calibrate(browser);
			add('CPU calibration: host BenchmarkIndex, unthrottled (index)', calibration.host);
			add('CPU calibration: rate for a mid-tier phone (rate × 100)', Math.round(calibration.rate * 100));
			console.log(
				`  run ${run + 1}: host BenchmarkIndex ${calibration.host} (Lighthouse, 1 s); DevTools mid-tier (index ${MID_TIER_INDEX}) needs ${calibration.rate}× (index ${calibration.reached} at that rate${calibration.weak ? '; host slower than the phone: 1×' : ''}); low-tier (${LOW_TIER_INDEX}) would be about ${(calibration.rate * (MID_TIER_INDEX / LOW_TIER_INDEX)).toFixed(1)}×`
			);
			const profiles = [
				{ name: 'Lighthouse mobile (4×)', rate: PHONE.cpuSlowdown },
				{ name: `DevTools mid-tier (calibrated to ${MID_TIER_INDEX})`, rate: calibration.rate }
			];
			for (const profile of profiles) for (const server of servers) await oneRun(server, run, profile);
		}
		return { times, rosterBytes, rosterJsonBytes };
	} finally {
		await browser.close();
		for (const server of servers) server.process.kill();
		rmSync(keyDir, { recursive: true, force: true });
	}

	/** One run of every case against one build, under one CPU profile. */
	async function oneRun({ label: build, origin }, run, profile) {
		const tag = (label) => `${profile.name}, ${build ? `${build}: ` : ''}${label}`;
		if (run === 0) await until(async () => (await fetch(`${origin}/`)).ok);
		// Cold: a new phone profile each time (nothing cached, no service worker yet).
		const context = await browser.newContext({
			baseURL: origin,
			viewport: { width: 360, height: 640 },
			deviceScaleFactor: 2,
			isMobile: true,
			hasTouch: true,
			serviceWorkers: 'allow'
		});
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		await context.addInitScript(watchShifts);
		await context.addInitScript(watchElementPaint);
		const page = await context.newPage();
		await page.goto('/account');
		await page.locator('#account-email').fill(email);
		await page.locator('#account-password').fill(password);
		await page.getByRole('button', { name: 'سائن ان کریں', exact: true }).click();
		await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor({ timeout: 60_000 });
		await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 120_000 });
		// As a trainer reaches their tools: the menu, whose Staff entry asks for their roles. A build
		// that keeps the tools' code on the phone then (src/lib/staff/keep-offline.ts) says so on
		// <html>; an older build never does, and is measured as it is after 15 s.
		await page.reload();
		const roles = page.waitForResponse((r) => r.url().endsWith('/api/staff/roles'));
		await page.getByTestId('menu-button').click();
		await roles;
		const kept = await page
			.locator('html[data-staff-tools="kept"]')
			.waitFor({ state: 'attached', timeout: 15_000 })
			.then(() => true)
			.catch(() => false);
		if (run === 0)
			console.log(`  ${tag('staff tools kept on the phone after sign-in')}: ${kept ? 'yes' : 'no'}`);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: PHONE.latencyMs,
			downloadThroughput: (PHONE.downKbps * 1024) / 8,
			uploadThroughput: (PHONE.upKbps * 1024) / 8
		});
		// The page asks the app's server for the roster, which asks PostgREST for cohort_roster().
		const rosterResponse = page.waitForResponse((r) => r.url().includes('/api/staff/cohorts?cohort='), {
			timeout: 150_000
		});
		// Cold for the page's own data; the app shell is on the phone (the worker took it).
		// BENCH_TRACE_OPEN=first traces this open (no roster kept) instead of the kept one.
		const traceFirst =
			run === 0 &&
			profile.rate === PHONE.cpuSlowdown &&
			process.env.BENCH_TRACE &&
			process.env.BENCH_TRACE_OPEN === 'first';
		const firstTraceFile = `${process.env.BENCH_TRACE}${build ? `.${build}` : ''}.first.json`;
		if (traceFirst) await browser.startTracing(page, { path: firstTraceFile, categories: TRACE_CATEGORIES });
		const first = await timeRoster(page, cohort, learners);
		if (traceFirst) {
			await browser.stopTracing();
			console.log(`  trace written to ${firstTraceFile}`);
		}
		add(tag('app on the phone, no roster kept yet: fresh roster on screen'), first.fresh);
		if (run === 0) await printTrace(page, tag('app on the phone, no roster kept yet'));
		const response = await rosterResponse;
		rosterJsonBytes = (await response.body()).length;
		const sizes = await response.request().sizes();
		rosterBytes = sizes.responseBodySize;
		// The trainer's daily case: the roster kept from the last open is drawn at once, marked
		// with its time, then the fresh one replaces it.
		// BENCH_TRACE=<file>: a Chromium performance trace (with V8's CPU samples) of the first
		// kept open, summarised by scripts/bench-cohort-trace.js: what ran before the roster.
		const tracing =
			run === 0 &&
			profile.rate === PHONE.cpuSlowdown &&
			process.env.BENCH_TRACE &&
			process.env.BENCH_TRACE_OPEN !== 'first';
		const traceFile = `${process.env.BENCH_TRACE}${build ? `.${build}` : ''}.json`;
		if (tracing)
			await browser.startTracing(page, {
				path: traceFile,
				categories: TRACE_CATEGORIES
			});
		const again = await timeRoster(page, cohort, learners);
		if (tracing) {
			await browser.stopTracing();
			console.log(`  trace written to ${traceFile}`);
		}
		// The page's inline script asks for the roster before the app starts, so the fresh answer
		// can be in before the kept copy would draw: then the fresh one is the first on screen.
		add(
			tag('app on the phone, roster kept: first roster on screen, kept or fresh'),
			again.kept ?? again.fresh
		);
		add(
			tag('app on the phone, roster kept: fresh drawn before the kept copy (runs)'),
			again.kept === undefined ? 1 : 0
		);
		if (again.painted !== undefined)
			add(tag('app on the phone, roster kept: kept first screen painted (element timing)'), again.painted);
		if (again.screen !== undefined)
			add(tag('app on the phone, roster kept: kept first screen painted before the app'), again.screen);
		add(tag('app on the phone, roster kept: fresh roster on screen'), again.fresh);
		add(tag('app on the phone, roster kept: layout shift (CLS × 1000)'), again.cls * 1000);
		add(tag('app on the phone, roster kept: roster moved after drawn (px)'), again.moved);
		if (run === 0) await printTrace(page, tag('app on the phone, roster kept from the last open'));
		// The same, opened the way a trainer opens it each day: from the home screen, a new page,
		// not by reloading the open cohort page (whose own unloading then counts in the time).
		await page.goto('about:blank');
		const daily = await timeRoster(page, cohort, learners);
		add(
			tag('opened from a blank tab, roster kept: first roster on screen, kept or fresh'),
			daily.kept ?? daily.fresh
		);
		add(
			tag('opened from a blank tab, roster kept: fresh drawn before the kept copy (runs)'),
			daily.kept === undefined ? 1 : 0
		);
		if (daily.fcp !== undefined)
			add(tag('opened from a blank tab, roster kept: first contentful paint'), daily.fcp);
		if (daily.painted !== undefined)
			add(
				tag('opened from a blank tab, roster kept: kept first screen painted (element timing)'),
				daily.painted
			);
		if (daily.screen !== undefined)
			add(
				tag('opened from a blank tab, roster kept: kept first screen painted before the app'),
				daily.screen
			);
		add(tag('opened from a blank tab, roster kept: fresh roster on screen'), daily.fresh);
		if (run === 0) await printTrace(page, tag('opened from a blank tab, roster kept'));
		if (run === 0) {
			// A cold phone too: the shell over the same slow link, no worker yet, no kept roster.
			const state = await context.storageState();
			for (const origin of state.origins)
				origin.localStorage = origin.localStorage.filter((item) => !item.name.startsWith('seekh-cohort:'));
			const fresh = await browser.newContext({
				baseURL: origin,
				viewport: { width: 360, height: 640 },
				deviceScaleFactor: 2,
				isMobile: true,
				hasTouch: true,
				serviceWorkers: 'block',
				storageState: state
			});
			const p2 = await fresh.newPage();
			const c2 = await fresh.newCDPSession(p2);
			await c2.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
			await c2.send('Network.enable');
			await c2.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: PHONE.latencyMs,
				downloadThroughput: (PHONE.downKbps * 1024) / 8,
				uploadThroughput: (PHONE.upKbps * 1024) / 8
			});
			add(
				tag('nothing cached (first visit over slow 4G): fresh roster'),
				(await timeRoster(p2, cohort, learners)).fresh
			);
			await fresh.close();
		}
		await context.close();
	}
}

/**
 * Navigates to the cohort; returns ms from navigation start until the roster is on screen, kept
 * copy (if one was drawn first) and fresh: the list says it holds every learner (`data-total`,
 * which the dashboard counts from) and its first page of cards is drawn (the page draws 50 at a
 * time; the rest come with "show more" and on paper).
 */
async function timeRoster(page, cohort, learners) {
	await page.goto(`/staff/cohorts?cohort=${cohort}`, { waitUntil: 'commit' });
	const handle = await page.waitForFunction(
		(n) => {
			const w = /** @type {any} */ (window);
			// The copy of the first screen painted before the app (app.html): its time, then the
			// app's own list (the copy's list holds only its first cards).
			const copy = /** @type {HTMLElement | null} */ (document.querySelector('#seekh-cohort-paint'));
			if (copy && copy.style.visibility !== 'hidden' && copy.querySelector('h2')) {
				w.__roster ??= {};
				w.__roster.screen ??= performance.now();
			}
			const list = /** @type {HTMLElement | null} */ (
				document.querySelector('body > div:not(#seekh-cohort-paint) ol.roster')
			);
			if (list && Number(list.dataset.total) === n && list.children.length >= Math.min(n, 50)) {
				w.__roster ??= {};
				w.__roster[list.dataset.copy ?? 'fresh'] ??= performance.now();
				// Where the list was first drawn, to see whether anything arriving later moves it.
				w.__rosterTop ??= list.getBoundingClientRect().top + scrollY;
			}
			if (!w.__roster?.fresh) return false;
			// The browser's own "first contentful paint": whatever was first drawn (copy, header bar).
			const fcp = performance.getEntriesByName('first-contentful-paint')[0];
			return { ...w.__roster, fcp: fcp?.startTime, painted: w.__keptPaint };
		},
		learners,
		{ polling: 'raf', timeout: 120_000 }
	);
	const seen =
		/** @type {{ screen?: number, kept?: number, fresh: number, fcp?: number, painted?: number }} */ (
			await handle.jsonValue()
		);
	// Layout shift once the page has settled: the dashboard (computed from the roster) is in and
	// two more frames have passed. CLS counts what moved on screen; "moved" is the roster list's
	// own move, wherever it is (it starts below the fold at 360×640).
	await page.locator('section.dashboard').waitFor({ timeout: 20_000 });
	const settled = await page.evaluate(
		() =>
			new Promise((resolve) =>
				requestAnimationFrame(() =>
					requestAnimationFrame(() => {
						const w = /** @type {any} */ (window);
						const list = document.querySelector('ol.roster');
						resolve({
							cls: w.__cls ?? 0,
							moved: list ? Math.round(list.getBoundingClientRect().top + scrollY - w.__rosterTop) : 0
						});
					})
				)
			)
	);
	// A build that keeps a copy of the first screen (app.html names it) has kept it before the
	// next open, as it would for a trainer who looked at the page for more than a moment.
	await page
		.waitForFunction(
			() =>
				![...document.scripts].some(
					(s) => s.textContent?.includes('seekh-cohort-screen:') || s.src.endsWith('/cohort-early.js')
				) || Object.keys(localStorage).some((k) => k.startsWith('seekh-cohort-screen:')),
			undefined,
			{ timeout: 10_000 }
		)
		.catch(() => console.log('    (no first screen kept within 10 s)'));
	return { ...seen, .../** @type {{ cls: number, moved: number }} */ (settled) };
}

/**
 * The CPU slowdown that brings this host to a mid-tier phone's BenchmarkIndex, as DevTools'
 * CalibrationController finds it (see the header). Returns the host's unthrottled index
 * (Lighthouse's 1 s run), the rate, and the index measured at that rate.
 * @param {import('playwright-core').Browser} browser
 */
export async function calibrate(browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await page.goto('about:blank');
	// Lighthouse's function as shipped (1 s), and the same with DevTools' 250 ms per benchmark.
	const source = pageFunctions.computeBenchmarkIndex.toString();
	const short = source.replaceAll('< 500', `< ${BENCHMARK_HALF_MS}`);
	if (short.split(`< ${BENCHMARK_HALF_MS}`).length !== 3)
		throw new Error('computeBenchmarkIndex changed shape: update the calibration');
	await page.evaluate(`window.__lighthouseIndex = ${source}; window.__devtoolsIndex = ${short};`);
	/** @type {Map<number, number>} */
	const scores = new Map();
	const run = async (/** @type {number} */ rate) => {
		const cached = scores.get(rate);
		if (cached !== undefined) return cached;
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const score = /** @type {number} */ (await page.evaluate('window.__devtoolsIndex()'));
		scores.set(rate, score);
		return score;
	};
	const truncate = (/** @type {number} */ n) => Number(n.toFixed(2));
	try {
		await page.evaluate('window.__devtoolsIndex()'); // warm-up: V8 optimises the loops
		const host = Math.round(/** @type {number} */ (await page.evaluate('window.__lighthouseIndex()')));
		// DevTools: one more chance if the host looks slower than the phone.
		let actual = await run(1);
		if (actual < MID_TIER_INDEX) {
			scores.clear();
			actual = await run(1);
		}
		if (actual < MID_TIER_INDEX) return { host, rate: 1, reached: Math.round(actual), weak: true };
		// Bisection between 1× and a rate surely too slow (DevTools starts its mid-tier search from
		// its low-tier result; here straight from the host's score, with the same 1.5× margin).
		const lower = { rate: 1, score: actual };
		const upper = { rate: truncate((actual / MID_TIER_INDEX) * 1.5), score: 0 };
		upper.score = await run(upper.rate);
		let rate = 1;
		let score = actual;
		for (let step = 0; step < 8; step++) {
			rate = truncate((upper.rate + lower.rate) / 2);
			score = await run(rate);
			if (Math.abs(MID_TIER_INDEX - score) < 10) break;
			if (score < MID_TIER_INDEX) Object.assign(upper, { rate, score });
			else Object.assign(lower, { rate, score });
		}
		return { host, rate, reached: Math.round(score), weak: false };
	} finally {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
		await context.close();
	}
}

/** When the kept first screen's title was painted (Element Timing), into window.__keptPaint. */
function watchElementPaint() {
	try {
		new PerformanceObserver((list) => {
			for (const e of /** @type {any[]} */ (list.getEntries()))
				if (e.identifier === 'kept-screen')
					/** @type {any} */ (window).__keptPaint ??= e.renderTime || e.loadTime;
		}).observe({ type: 'element', buffered: true });
	} catch {
		/* no element timing in this browser */
	}
}

/** Sums the page's layout shifts (not caused by input) the way CLS does, into window.__cls. */
function watchShifts() {
	const w = /** @type {any} */ (window);
	w.__cls = 0;
	try {
		new PerformanceObserver((list) => {
			for (const e of /** @type {any[]} */ (list.getEntries())) {
				if (e.hadRecentInput) continue;
				w.__cls += e.value;
				// What moved, for the trace: "tag.class value@ms".
				for (const source of e.sources ?? []) {
					const node = source.node;
					const name = node
						? `${node.nodeName.toLowerCase()}${node.className ? '.' + String(node.className).split(' ')[0] : ''}`
						: '?';
					(w.__shifts ??= []).push(`${name} ${e.value.toFixed(3)}@${e.startTime.toFixed(0)}`);
				}
			}
		}).observe({ type: 'layout-shift', buffered: true });
	} catch {
		/* no layout-shift entries in this browser */
	}
}

/** Where the time went on one warm open: each request's start and end (ms from navigation), bytes. */
async function printTrace(page, label) {
	const entries = await page.evaluate(() =>
		performance.getEntriesByType('resource').map((e) => {
			const r = /** @type {PerformanceResourceTiming} */ (e);
			return {
				name: r.name,
				start: r.startTime,
				end: r.responseEnd,
				wire: r.encodedBodySize,
				body: r.decodedBodySize
			};
		})
	);
	const seen = await page.evaluate(() => /** @type {any} */ (window).__roster);
	const shifts = await page.evaluate(() => /** @type {any} */ (window).__shifts ?? []);
	if (shifts.length) console.log(`    layout shifts: ${shifts.slice(0, 12).join(', ')}`);

	console.log(
		`  trace, ${label} (ms from navigation; roster on screen: ${Object.entries(seen)
			.map(([k, v]) => `${k} ${Number(v).toFixed(0)}`)
			.join(', ')}):`
	);
	for (const e of entries.filter((x) => !/\.(js|css|woff2?)$/.test(new URL(x.name).pathname)))
		console.log(
			`    ${e.start.toFixed(0).padStart(6)} → ${e.end.toFixed(0).padStart(6)}  ${String(e.wire).padStart(7)} B sent, ${String(e.body).padStart(7)} B JSON  ${new URL(e.name).pathname}${new URL(e.name).search.slice(0, 30)}`
		);
	// The copy of the first screen kept for the next open (app.html paints it): its size in storage.
	const screens = await page.evaluate(() =>
		Object.keys(localStorage)
			.filter((k) => k.startsWith('seekh-cohort-screen:'))
			.map((k) => localStorage.getItem(k)?.length ?? 0)
	);
	if (screens.length) console.log(`    kept first screen: ${screens.join(', ')} characters in storage`);
	const scripts = entries.filter((x) => /\.(js|css)$/.test(new URL(x.name).pathname));
	if (scripts.length)
		console.log(
			`    ${scripts.length} scripts/styles, last loaded at ${Math.max(...scripts.map((x) => x.end)).toFixed(0)} ms`
		);
	// The code the page loaded before its first roster was on screen: what start-up costs.
	const first = Math.min(...Object.values(seen).map(Number));
	const before = scripts.filter((x) => x.end <= first && x.name.endsWith('.js'));
	const kb = (xs) => (xs.reduce((n, x) => n + x.body, 0) / 1024).toFixed(0);
	console.log(
		`    before the first roster (${first.toFixed(0)} ms): ${before.length} JS files, ${kb(before)} KB; largest: ${[
			...before
		]
			.sort((x, y) => y.body - x.body)
			.slice(0, 5)
			.map((x) => `${new URL(x.name).pathname.split('/').pop()} ${(x.body / 1024).toFixed(0)} KB`)
			.join(', ')}`
	);
}

async function until(check, timeoutMs = 60_000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			/* not up yet */
		}
		if (Date.now() > end) throw new Error('the app did not start');
		await new Promise((r) => setTimeout(r, 300));
	}
}
