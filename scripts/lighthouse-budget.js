// Lighthouse 12 (mobile: simulated slow 4G, 4× CPU) on the learner's routes, in Urdu and English.
//
// Part of `npm run budget`. Prints performance, FCP, LCP, CLS and TBT per route and language
// against the targets of issue 17. It does not fail the run: Lighthouse on a shared 2-core CI
// machine moves by several points between runs, and a flaky gate is worse than a printed
// figure. The byte budget (scripts/budget.js) is the gate. `--lighthouse-runs=N` measures each
// page N times and prints medians.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { freePort } from './free-port.js';
import { startFloorPage } from './lighthouse-floor.js';

export const TARGETS = { score: 95, fcpMs: 1200, cls: 0.02, lessonUrduTbtMs: 150 };

/** The pages a learner meets first. `?lang=` is how a shared link chooses the language. */
export const ROUTES = [
	{ name: 'home', path: '/' },
	{ name: 'catalogue', path: '/courses' },
	{ name: 'course', path: '/courses/ai-awareness' },
	{ name: 'lesson', path: '/courses/ai-awareness/what-is-ai' }
];
export const LANGUAGES = ['ur', 'en'];

/**
 * @param {string} base e.g. http://127.0.0.1:4173
 * @param {{ chromiumPath: string, runs?: number, pages?: string[] | null, saveDir?: string | null, paintedOnly?: boolean, log?: (line: string) => void }} options
 *   `pages`: only these, as `route-lang` (e.g. `lesson-ur`); `saveDir`: keep each run's full
 *   Lighthouse JSON there (trace-derived audits: bootup-time, long-tasks, network-requests …);
 *   `paintedOnly`: the app's code (`/_app/`) is blocked, so what is measured is the server's
 *   painted page on its own: the floor under every figure of that page, whatever the app does;
 *   `floor` (on unless false): a plain HTML page with production's headers is measured in every
 *   round too and printed first, the floor this host puts under any page (lighthouse-floor.js).
 */
export async function runLighthouse(
	base,
	{
		chromiumPath,
		runs = 1,
		pages = null,
		saveDir = null,
		paintedOnly = false,
		floor = true,
		log = console.log
	}
) {
	if (saveDir) mkdirSync(saveDir, { recursive: true });
	const chosen = ROUTES.flatMap((route) =>
		LANGUAGES.map((lang) => ({ route: route.name, lang, url: `${base}${route.path}?lang=${lang}` }))
	).filter((page) => !pages || pages.includes(`${page.route}-${page.lang}`));
	// The host's floor (scripts/lighthouse-floor.js) is measured in every round, with the pages.
	const plain = floor ? await startFloorPage() : null;
	if (plain) chosen.unshift({ route: 'plain page', lang: 'ur', url: plain.url, floor: true });
	// Rounds, not one page's runs after another: each round sees about the same machine load, so
	// the pages' medians (and the floor's) can be read against each other.
	const samples = new Map(chosen.map((page) => [page, []]));
	try {
		for (let i = 0; i < runs; i++) {
			for (const page of chosen) {
				const name = `${page.route}-${page.lang}`.replace(' ', '-');
				const { row, lhr } = await measureOnce(page.url, chromiumPath, paintedOnly && !page.floor);
				samples.get(page)?.push(row);
				if (saveDir) writeFileSync(join(saveDir, `${name}-${i + 1}.json`), JSON.stringify(lhr));
				if (process.argv.includes('--lighthouse-diagnostics')) printDiagnostics(name, lhr, log);
			}
		}
	} finally {
		await plain?.close();
	}
	const rows = chosen.map((page) => ({
		route: page.route,
		lang: page.lang,
		floor: !!page.floor,
		...medians(samples.get(page) ?? [])
	}));
	if (paintedOnly) log("\nThe painted page alone: the app's code (/_app/) blocked");
	printRows(rows, runs, log);
	return rows;
}

/** What the simulation was fed: the main thread's work by script and the long tasks (×4 CPU). */
function printDiagnostics(name, lhr, log) {
	const items = (id) => lhr.audits[id]?.details?.items ?? [];
	log(`\n${name}: bootup-time (ms, observed ×4)`);
	for (const i of items('bootup-time').slice(0, 8))
		log(`  ${String(Math.round(i.total)).padStart(6)} ${String(i.url).replace(/^https?:\/\/[^/]+/, '')}`);
	log(`${name}: mainthread-work-breakdown`);
	for (const i of items('mainthread-work-breakdown'))
		log(`  ${String(Math.round(i.duration)).padStart(6)} ${i.groupLabel ?? i.group}`);
	log(`${name}: long-tasks (start, duration, url)`);
	for (const i of items('long-tasks'))
		log(
			`  ${String(Math.round(i.startTime)).padStart(6)} ${String(Math.round(i.duration)).padStart(5)} ${String(i.url).replace(/^https?:\/\/[^/]+/, '')}`
		);
	log(`${name}: render-blocking-resources`);
	for (const i of items('render-blocking-resources'))
		log(`  ${String(Math.round(i.wastedMs)).padStart(6)} ${String(i.url).replace(/^https?:\/\/[^/]+/, '')}`);
	const requests = items('network-requests');
	log(
		`${name}: ${requests.length} requests; LCP element: ${JSON.stringify(items('largest-contentful-paint-element')[0]?.items?.[0]?.node?.snippet ?? '').slice(0, 120)}`
	);
}

async function measureOnce(url, chromiumPath, paintedOnly = false) {
	const { lhr } = await lighthouseOnce(
		url,
		chromiumPath,
		paintedOnly ? { blockedUrlPatterns: ['*/_app/*'] } : {}
	);
	const value = (id) => lhr.audits[id]?.numericValue ?? NaN;
	return {
		lhr,
		row: {
			score: Math.round((lhr.categories.performance.score ?? 0) * 100),
			fcp: value('first-contentful-paint'),
			lcp: value('largest-contentful-paint'),
			cls: value('cumulative-layout-shift'),
			tbt: value('total-blocking-time'),
			// Lighthouse's measure of this machine's CPU at the time of the run (see printRows).
			host: lhr.environment?.benchmarkIndex ?? NaN,
			...blockingBySource(lhr, url)
		}
	};
}

/**
 * One Lighthouse mobile run of `url` in a fresh Chromium: its report (`lhr`) and what it
 * gathered (`artifacts`, the trace among them; scripts/lighthouse-trace-tasks.js reads it).
 */
export async function lighthouseOnce(url, chromiumPath, flags = {}) {
	// A fresh profile per run: a cold first visit, no service worker from an earlier run.
	const profile = mkdtempSync(join(tmpdir(), 'seekh-lh-'));
	const port = await freePort();
	const chrome = spawn(
		chromiumPath,
		[
			`--remote-debugging-port=${port}`,
			`--user-data-dir=${profile}`,
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-dev-shm-usage',
			'about:blank'
		],
		{ stdio: 'ignore' }
	);
	try {
		await waitForDevtools(port);
		const result = await lighthouse(url, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance'],
			...flags
		});
		const lhr = result?.lhr;
		if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
		if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
		return { lhr, artifacts: result.artifacts };
	} finally {
		chrome.kill();
		await new Promise((r) => chrome.once('exit', r));
		// Chromium's helper processes can still be writing to the profile after the browser has
		// exited (ENOTEMPTY on a loaded machine, which ended a budget run): retry, and never let
		// a temporary folder fail the measurement.
		try {
			rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
		} catch (error) {
			console.warn(`could not remove ${profile}: ${error instanceof Error ? error.message : error}`);
		}
	}
}

async function waitForDevtools(port) {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('Chromium did not open its DevTools port');
}

/**
 * Whose tasks the blocking time is, from Lighthouse's simulated long tasks after its simulated
 * FCP: the HTML page's (parsing it, its inline scripts, the painted copy's style and layout),
 * the app's code (`/_app/`), and the browser's (work Lighthouse attributes to no file).
 * The painted page's tasks run before the first paint in the real trace, but the simulation
 * replays the whole page on slow 4G and places some of them after its estimate of FCP, where
 * they count. Lighthouse names a task by the outermost script on its stack, and SvelteKit's
 * start (`kit.start()`, with the root layout's first draw) is called from the page's inline
 * boot script: that task is counted as the page's. `--painted-only` measures the page without
 * the app, which is the page's own share. Lighthouse lists 20 tasks at most.
 */
function blockingBySource(lhr, url) {
	const fcp = lhr.audits['first-contentful-paint']?.numericValue ?? 0;
	const split = { tbtPage: 0, tbtApp: 0, tbtBrowser: 0 };
	for (const task of lhr.audits['long-tasks']?.details?.items ?? []) {
		// As Lighthouse clips a task at FCP (lantern/metrics/TBTUtils.js).
		const blocking = task.startTime + task.duration - Math.max(task.startTime, fcp) - 50;
		if (blocking <= 0) continue;
		const source = String(task.url);
		const key = source === url ? 'tbtPage' : source.includes('/_app/') ? 'tbtApp' : 'tbtBrowser';
		split[key] += blocking;
	}
	return split;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medians(samples) {
	return Object.fromEntries(
		['score', 'fcp', 'lcp', 'cls', 'tbt', 'host', 'tbtPage', 'tbtApp', 'tbtBrowser'].map((k) => [
			k,
			median(samples.map((s) => s[k]))
		])
	);
}

/** Which targets a row misses (empty when it meets them all). */
export function misses(row) {
	const out = [];
	if (row.score < TARGETS.score) out.push(`score<${TARGETS.score}`);
	if (row.fcp > TARGETS.fcpMs) out.push(`FCP>${TARGETS.fcpMs / 1000}s`);
	if (row.cls > TARGETS.cls) out.push(`CLS>${TARGETS.cls}`);
	if (row.route === 'lesson' && row.lang === 'ur' && row.tbt > TARGETS.lessonUrduTbtMs)
		out.push(`TBT>${TARGETS.lessonUrduTbtMs}ms`);
	return out;
}

function printRows(rows, runs, log) {
	log(
		`\nLighthouse 12 mobile (simulated slow 4G, 4× CPU), ${runs === 1 ? 'one run' : `median of ${runs} runs`} per page`
	);
	log(
		`  targets: score ≥ ${TARGETS.score}, FCP ≤ ${TARGETS.fcpMs / 1000} s, CLS ≤ ${TARGETS.cls}, TBT ≤ ${TARGETS.lessonUrduTbtMs} ms (Urdu lesson)`
	);
	log(`  host: Lighthouse's BenchmarkIndex of this machine (4× is calibrated for about 1,500–2,000)`);
	log(
		`  ${'page'.padEnd(11)}${'lang'.padEnd(5)}${'score'.padStart(6)}${'FCP'.padStart(8)}${'LCP'.padStart(8)}${'CLS'.padStart(7)}${'TBT'.padStart(8)}${'host'.padStart(7)}`
	);
	for (const r of rows) {
		const missed = r.floor ? [] : misses(r);
		log(
			`  ${r.route.padEnd(11)}${r.lang.padEnd(5)}${String(r.score).padStart(6)}${seconds(r.fcp).padStart(8)}${seconds(r.lcp).padStart(8)}${r.cls.toFixed(3).padStart(7)}${`${Math.round(r.tbt)}ms`.padStart(8)}${String(Math.round(r.host)).padStart(7)}  ${r.floor ? "the host's floor: a heading and a paragraph, production's headers" : missed.length ? `misses ${missed.join(', ')}` : 'OK'}`
		);
	}
	log('\n  TBT by whose tasks (ms; see blockingBySource): the page itself / the app / the browser');
	for (const r of rows)
		log(
			`  ${r.route.padEnd(11)}${r.lang.padEnd(5)}${[r.tbtPage, r.tbtApp, r.tbtBrowser].map((v) => String(Math.round(v)).padStart(6)).join('')}   of ${Math.round(r.tbt)}`
		);
}

/**
 * "host" is Lighthouse's BenchmarkIndex of this machine during the run. Lighthouse's 4× CPU
 * slowdown turns a host of about 1,500–2,000 into its mid-tier phone; on a host of 1,000 it
 * emulates a slower phone, and TBT grows with it (Lighthouse docs/throttling.md, "Calibrating the
 * CPU slowdown"). On this shared VM the index moves with CPU steal between runs, which is much of
 * the spread between runs of the same build: compare builds at the same index, not across days.
 */
function seconds(ms) {
	return `${(ms / 1000).toFixed(1)}s`;
}
