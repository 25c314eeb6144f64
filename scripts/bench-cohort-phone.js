// The phone half of `npm run bench:cohort -- --phone`: builds the app against the bench's stack,
// serves it with adapter-node, signs the trainer in through the app's own form in Chromium and
// times the cohort page on a mid-range phone profile. See scripts/bench-cohort.js.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from './free-port.js';

const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 7);
/** Lighthouse's mobile profile: a mid-range phone on slow 4G. */
const PHONE = { cpuSlowdown: 4, latencyMs: 150, downKbps: 1600, upKbps: 750 };

/**
 * @param {{ stack: { url: string, anonKey: string, serviceKey: string }, cohort: string,
 *   email: string, password: string, learners: number }} options
 */
export async function openOnPhone({ stack, cohort, email, password, learners }) {
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath))
		throw new Error(`--phone needs Chromium at ${chromiumPath} (or CHROMIUM_PATH)`);
	console.log('  building the app for this stack…');
	execSync('npm run build', {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			NODE_ENV: 'production',
			PUBLIC_SUPABASE_URL: stack.url,
			PUBLIC_SUPABASE_ANON_KEY: stack.anonKey
		}
	});
	// The e2e suite reuses a build only when it was made for its own stack: this one was not.
	rmSync('build/e2e-backend.json', { force: true });
	const keyDir = mkdtempSync(join(tmpdir(), 'seekh-bench-keys-'));
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['build'], {
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
	});
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
		headless: true
	});
	try {
		await until(async () => (await fetch(`${origin}/`)).ok);
		const warm = [];
		const cold = [];
		let rosterBytes = 0;
		let rosterJsonBytes = 0;
		for (let run = 0; run < RUNS; run++) {
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
			const page = await context.newPage();
			await page.goto('/account');
			await page.locator('#account-email').fill(email);
			await page.locator('#account-password').fill(password);
			await page.getByRole('button', { name: 'سائن ان کریں', exact: true }).click();
			await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor({ timeout: 60_000 });
			await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 120_000 });
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
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
			warm.push(await timeRoster(page, cohort, learners));
			const response = await rosterResponse;
			rosterJsonBytes = (await response.body()).length;
			const sizes = await response.request().sizes();
			rosterBytes = sizes.responseBodySize;
			if (run === 0) {
				// A cold phone too: the shell over the same slow link, no worker yet.
				const fresh = await browser.newContext({
					baseURL: origin,
					viewport: { width: 360, height: 640 },
					deviceScaleFactor: 2,
					isMobile: true,
					hasTouch: true,
					serviceWorkers: 'block',
					storageState: await context.storageState()
				});
				const p2 = await fresh.newPage();
				const c2 = await fresh.newCDPSession(p2);
				await c2.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
				await c2.send('Network.enable');
				await c2.send('Network.emulateNetworkConditions', {
					offline: false,
					latency: PHONE.latencyMs,
					downloadThroughput: (PHONE.downKbps * 1024) / 8,
					uploadThroughput: (PHONE.upKbps * 1024) / 8
				});
				cold.push(await timeRoster(p2, cohort, learners));
				await fresh.close();
			}
			await context.close();
		}
		return {
			times: {
				'cohort page, app on the phone (navigation → roster shown)': warm,
				'cohort page, nothing cached (first visit over slow 4G)': cold
			},
			rosterBytes,
			rosterJsonBytes
		};
	} finally {
		await browser.close();
		server.kill();
		rmSync(keyDir, { recursive: true, force: true });
	}
}

/** Navigates to the cohort and returns ms from navigation start until every learner is listed. */
async function timeRoster(page, cohort, learners) {
	await page.goto(`/staff/cohorts?cohort=${cohort}`, { waitUntil: 'commit' });
	const handle = await page.waitForFunction(
		(n) => (document.querySelectorAll('ol.roster > li').length === n ? performance.now() : false),
		learners,
		{ polling: 'raf', timeout: 120_000 }
	);
	return /** @type {number} */ (await handle.jsonValue());
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
