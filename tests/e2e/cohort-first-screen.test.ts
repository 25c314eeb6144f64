import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';
import { submitEmailForm } from './learner-helpers';
import { grantRole, newAccount, noSideways, signInUrdu, type Account } from './staff-helpers';

/**
 * The cohort page's first screen painted before the app's code (issue 13): the second open of a
 * cohort shows the copy kept from the first while the app's scripts are held back, in Urdu at
 * 360 px, holding what the phone's first screen (and half another) shows and nothing below; the
 * app's own drawing replaces it where it stands; a copy arriving after the app has drawn does
 * nothing; another trainer signing in on the same phone never sees it, and a copy planted in
 * storage cannot run or load anything. Learner pages carry none of this code.
 */
const PASSWORD = 'پاکستان-2025-screen';
const SCREEN = '#seekh-cohort-paint';
/** The app's own roster list (the copy has one too). */
const APP_LIST = `body > div:not(${SCREEN}) ol.roster`;
/** The file that asks the cohort's questions and paints the copy (app.html loads it on the page). */
const EARLY = '**/cohort-early.js';
/** What the copy reaches down to at 360×640 (first-screen.ts: a screen and a half). */
const REACH = 640 * 1.5;
/** The page's blocks, top to bottom: in the copy exactly when the app draws them above REACH. */
const BLOCKS = [
	'h2',
	'.copy',
	'.join h3',
	'.big.code',
	'.qr',
	'ul.sessions',
	'section.dashboard',
	'ol.roster'
];

/** Holds the app's code (SvelteKit's immutable scripts) until `release()`. */
async function holdAppCode(page: Page) {
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	const hold = async (route: Route) => {
		held++;
		await gate;
		await route.continue().catch(() => undefined);
	};
	await page.route('**/_app/immutable/**/*.js', hold);
	return {
		held: () => held,
		release: async () => {
			release();
			await page.unroute('**/_app/immutable/**/*.js', hold);
		}
	};
}

const topOf = (page: Page, selector: string) =>
	page
		.locator(selector)
		.first()
		.evaluate((el) => Math.round(el.getBoundingClientRect().top + scrollY));

async function signInAgain(page: Page, account: Account) {
	await page.goto('/account');
	await submitEmailForm(page, account.email, PASSWORD, 'سائن ان کریں');
	await page.getByRole('heading', { name: /کے طور پر سائن ان/ }).waitFor();
}

describe.skipIf(noBrowser)('the cohort page painted before the app', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the kept first screen before the app loads, replaces it in place, and only to its trainer', async () => {
		const trainer = await newAccount('screen-trainer', PASSWORD);
		await grantRole(trainer.email, 'COE-LHR-TC1', 'trainer');
		const other = await newAccount('screen-other', PASSWORD);
		await grantRole(other.email, 'COE-KHI-TC1', 'trainer');
		const learner = await newAccount('screen-learner', PASSWORD);

		// No service worker: it would answer the app's scripts where routing cannot hold them.
		const context = await newPhoneContext(browser, { serviceWorkers: 'block' });
		const page = await context.newPage();
		await signInUrdu(page, trainer.email, PASSWORD);
		await page.goto('/staff/cohorts');
		await page.getByLabel('عنوان', { exact: false }).fill('آگاہی بیچ اسکرین');
		await page.getByLabel('نشستیں').fill('25');
		await page.getByRole('button', { name: 'کوہورٹ بنائیں' }).click();
		await page.getByRole('link', { name: 'کوہورٹ کھولیں' }).click();
		await page.waitForURL(/cohort=/);
		const url = page.url();
		const id = new URL(url).searchParams.get('cohort')!;
		const code = (await page.locator('.big.code').first().textContent())!.replace('-', '').trim();

		// A learner who shares progress joins (their own profile and the join call).
		await learner.client.auth.signInWithPassword({ email: learner.email, password: PASSWORD });
		const named = await learner.client.from('profiles').upsert({
			id: learner.id,
			display_name: 'ثمینہ اسکرین',
			consent_terms: true,
			consent_progress_sharing: true
		});
		expect(named.error).toBeNull();
		const joined = await learner.client.rpc('join_cohort', { code });
		expect(joined.error).toBeNull();

		// First open of the cohort with the app starting on it: the fresh roster, then its first
		// screen is kept (once the phone is idle) for this account.
		await page.goto(url);
		await page.locator(`${APP_LIST}[data-copy="fresh"]`).getByText('ثمینہ اسکرین').waitFor();
		await page.waitForFunction(
			(key) => !!localStorage.getItem(key),
			`seekh-cohort-screen:${trainer.id}:${id}`
		);

		// Where the app draws each block on this phone, as the trainer saw it when it was kept.
		const appTops = await page.evaluate((blocks) => {
			const at: Record<string, number | null> = {};
			for (const b of blocks) {
				const el = document.querySelector(`body > div:not(#seekh-cohort-paint) main ${b}`);
				at[b] = el ? Math.round(el.getBoundingClientRect().top + scrollY) : null;
			}
			return at;
		}, BLOCKS);
		// At 360×640 in Urdu the title is on the first screen, the join code just below it (within
		// the margin) and the roster's cards well below.
		expect(appTops['ol.roster']).toBeGreaterThan(REACH);
		expect(appTops['h2']).toBeLessThan(640);
		expect(appTops['.big.code']).toBeLessThan(REACH);

		// Second open, the app's code held back: the kept copy is on screen, inert and busy.
		const code1 = await holdAppCode(page);
		await page.goto(url, { waitUntil: 'commit' });
		const screen = page.locator(SCREEN);
		await screen.locator('h2').waitFor();
		expect(code1.held()).toBeGreaterThan(0);
		expect(await page.locator(APP_LIST).count()).toBe(0);
		expect(await screen.getAttribute('inert')).toBe('');
		expect(await screen.getAttribute('aria-busy')).toBe('true');
		expect(await screen.locator('h2').textContent()).toBe('آگاہی بیچ اسکرین');
		// Marked as the kept copy with its time, not as fresh.
		expect(await screen.locator('.copy .shown').textContent()).toContain('اس فون پر');
		// Trimmed to the first screen and a half, by where the app drew each block: what starts
		// above is there, what starts below (the roster's cards) is not.
		for (const block of BLOCKS) {
			const top = appTops[block];
			if (top === null || top === undefined) continue;
			expect({ block, inCopy: (await screen.locator(`main ${block}`).count()) > 0 }).toEqual({
				block,
				inCopy: top < REACH
			});
		}
		expect(await screen.locator('ol.roster li').count()).toBe(0);
		expect(await screen.locator('[id]').count()).toBe(0);
		expect(await noSideways(page)).toBe(true);
		const before = {
			title: await topOf(page, `${SCREEN} h2`),
			code: await topOf(page, `${SCREEN} .big.code`)
		};

		// The app starts, draws the same kept roster where the copy stood, then the fresh one.
		await code1.release();
		await screen.waitFor({ state: 'detached' });
		await page.locator(APP_LIST).waitFor();
		expect({ title: await topOf(page, 'main h2'), code: await topOf(page, 'main .big.code') }).toEqual(
			before
		);
		await page.locator(`${APP_LIST}[data-copy="fresh"]`).waitFor();
		await page.getByRole('heading', { name: 'سیکھنے والے (1)' }).waitFor();

		// The file comes after the app has drawn (a slow link, say): it neither paints the copy
		// over the app nor asks the cohort's questions a second time.
		let release!: () => void;
		const late = new Promise<void>((resolve) => (release = resolve));
		const holdEarly = async (route: Route) => {
			await late;
			await route.continue().catch(() => undefined);
		};
		await page.route(EARLY, holdEarly);
		await page.addInitScript(() =>
			document.addEventListener(
				'load',
				(e) => {
					if ((e.target as HTMLScriptElement).src?.endsWith('/cohort-early.js'))
						(window as unknown as { __earlyRan?: boolean }).__earlyRan = true;
				},
				true
			)
		);
		await page.goto(url, { waitUntil: 'commit' });
		await page.locator(`${APP_LIST}[data-copy="fresh"]`).waitFor();
		const asked: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/staff/cohorts?')) asked.push(r.url());
		});
		release();
		// It has run: a script element's load event follows its execution.
		await page.waitForFunction(() => (window as unknown as { __earlyRan?: boolean }).__earlyRan);
		await page.evaluate(
			() =>
				new Promise((resolve) =>
					requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))
				)
		);
		await page.unroute(EARLY, holdEarly);
		expect(await page.locator(SCREEN).count()).toBe(0);
		expect(await page.locator(APP_LIST).isVisible()).toBe(true);
		expect(asked).toEqual([]);

		// Another trainer signs in on the same phone: signing out took the first trainer's copy
		// and kept roster off the phone, and nothing of theirs is painted.
		const realKey = `seekh-cohort-screen:${trainer.id}:${id}`;
		const real = await page.evaluate((realKey) => localStorage.getItem(realKey), realKey);
		expect(real).not.toBeNull();
		await page.goto('/account');
		await page.getByRole('button', { name: 'سائن آؤٹ کریں' }).click();
		await page.getByRole('button', { name: 'سائن ان کریں', exact: true }).waitFor();
		expect(
			await page.evaluate(() => Object.keys(localStorage).filter((k) => /^seekh-cohort(-screen)?:/.test(k)))
		).toEqual([]);
		await signInAgain(page, other);
		const code2 = await holdAppCode(page);
		await page.goto(url, { waitUntil: 'commit' });
		// The header bar is painted by the same inline script, after the copy's turn.
		await page.locator('#seekh-boot').waitFor();
		expect(await page.locator(SCREEN).count()).toBe(0);
		await code2.release();
		await page.locator('main').getByRole('alert').first().waitFor();
		expect(await page.getByText('ثمینہ اسکرین').count()).toBe(0);

		// A copy planted in this account's storage (as a script of this origin could) is shown
		// stripped of what could run or load, inert, and dropped when the server refuses the cohort.
		const key = `seekh-cohort-screen:${other.id}:${id}`;
		await page.evaluate(
			({ key, kept }) => {
				const real = JSON.parse(kept) as object;
				const html =
					'<main><p class="planted">پرانی کاپی</p><script>window.__ran = 1</script>' +
					'<img src="/favicon.svg" onerror="window.__ran = 2"><a href="javascript:window.__ran = 3">x</a>' +
					'<p onclick="window.__ran = 4" id="main">y</p><iframe src="/"></iframe></main>';
				localStorage.setItem(key, JSON.stringify({ ...real, html }));
			},
			{ key, kept: real! }
		);
		const code3 = await holdAppCode(page);
		await page.goto(url, { waitUntil: 'commit' });
		await page.locator(`${SCREEN} .planted`).waitFor();
		expect(
			await page.locator(`${SCREEN} script, ${SCREEN} img, ${SCREEN} iframe, ${SCREEN} [id]`).count()
		).toBe(0);
		expect(await page.locator(`${SCREEN} [onclick], ${SCREEN} a[href]`).count()).toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
		await code3.release();
		await page.locator('main').getByRole('alert').first().waitFor();
		await page.locator(SCREEN).waitFor({ state: 'detached' });
		expect(await page.evaluate((key) => localStorage.getItem(key), key)).toBeNull();
		await context.close();

		// With the service worker, as on a phone: every page is its offline shell, which links only
		// the layout's stylesheets. The copy links the page's own and shows once they are in: its
		// kept/fresh line is drawn with the page's grid (one place for its three texts), never unstyled.
		const phone = await newPhoneContext(browser);
		const tp = await phone.newPage();
		await signInUrdu(tp, trainer.email, PASSWORD);
		await waitForServiceWorker(tp);
		await tp.goto(url);
		await tp.locator(`${APP_LIST}[data-copy="fresh"]`).waitFor();
		await tp.waitForFunction((key) => !!localStorage.getItem(key), `seekh-cohort-screen:${trainer.id}:${id}`);
		await tp.addInitScript(() => {
			const look = () => {
				const line = document.querySelector<HTMLElement>('#seekh-cohort-paint .copy');
				const w = window as unknown as { seen?: string[] };
				if (line && getComputedStyle(line.closest('#seekh-cohort-paint')!).visibility !== 'hidden')
					(w.seen ??= []).push(getComputedStyle(line).display);
				if (!document.querySelector(`body > div:not(#seekh-cohort-paint) ol.roster`))
					requestAnimationFrame(look);
			};
			requestAnimationFrame(look);
		});
		await tp.reload();
		await tp.locator(`${APP_LIST}[data-copy="fresh"]`).waitFor();
		const seen = await tp.evaluate(() => (window as unknown as { seen?: string[] }).seen ?? []);
		expect(seen.length).toBeGreaterThan(0);
		expect(new Set(seen)).toEqual(new Set(['grid']));

		// Offline at the venue: the worker answers the page and cohort-early.js (cached when the
		// cohort was opened), so the copy is painted, styled, before the app draws the kept roster.
		await phone.setOffline(true);
		await tp.reload();
		await tp.locator(`${APP_LIST}[data-copy="kept"]`).waitFor();
		const offline = await tp.evaluate(() => (window as unknown as { seen?: string[] }).seen ?? []);
		expect(offline.length).toBeGreaterThan(0);
		expect(new Set(offline)).toEqual(new Set(['grid']));
		await phone.close();
	});

	it('learner pages carry no cohort code and never load its file', async () => {
		for (const path of ['/', '/courses/ai-awareness/what-is-ai']) {
			const res = await fetch(new URL(path, baseURL), { headers: { cookie: 'seekh.lang=ur' } });
			expect(res.status).toBe(200);
			const html = await res.text();
			// The one-line check names the file; the code itself (requests, storage, painter) is not here.
			for (const code of ['/api/staff/cohorts', 'seekh-cohort-screen', 'seekh-cohort-paint', 'seekh-auth'])
				expect({ path, code, found: html.includes(code) }).toEqual({ path, code, found: false });
		}
		const context = await newPhoneContext(browser, { serviceWorkers: 'block' });
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		const loaded: string[] = [];
		page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
		for (const path of ['/', '/courses/ai-awareness/what-is-ai', '/staff/cohorts']) {
			await page.goto(path);
			await page.locator('main#main').waitFor();
		}
		// Only the cohort page (here without a cohort chosen: nothing to ask or paint) loads it.
		expect(loaded.filter((p) => p === '/cohort-early.js')).toHaveLength(1);
		expect(loaded.indexOf('/cohort-early.js')).toBeGreaterThan(
			loaded.lastIndexOf('/courses/ai-awareness/what-is-ai')
		);
		await context.close();
	});
});
