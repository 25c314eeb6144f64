import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

/** True when global setup found no Chromium: suites use `describe.skipIf(noBrowser)`. */
export const noBrowser = !inject('chromiumPath');
export const baseURL = inject('baseURL');

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-quic',
	'--no-first-run',
	'--disable-component-update',
	'--disable-sync'
];

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: inject('chromiumPath') ?? undefined,
		args: FLAGS,
		headless: true
	});
}

/** A phone-sized context (360×640) unless told otherwise; service workers allowed. */
export async function newPhoneContext(
	browser: Browser,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 360, height: 640 },
		serviceWorkers: 'allow',
		...options
	});
	keepOfflineAcrossNavigations(context);
	return context;
}

/**
 * Chromium 150 (Debian bookworm, 2026-12) keeps emulating "offline" for requests after a
 * reload or navigation, but the new document starts with `navigator.onLine === true` and never
 * gets an `offline` event, which no real phone does. Re-state the emulation for every new
 * document while the context is offline, so the page sees what a phone without network sees.
 */
function keepOfflineAcrossNavigations(context: BrowserContext): void {
	let offline = false;
	// One CDP session per page, kept open: detaching would drop the emulation it set.
	const sessions = new Map<Page, Promise<CDPSession | null>>();
	const sessionOf = (page: Page) => {
		if (!sessions.has(page))
			sessions.set(
				page,
				context.newCDPSession(page).catch(() => null)
			);
		return sessions.get(page)!;
	};
	const state = async (page: Page, value: boolean) => {
		const cdp = await sessionOf(page);
		await cdp
			?.send('Network.emulateNetworkConditions', {
				offline: value,
				latency: 0,
				downloadThroughput: -1,
				uploadThroughput: -1
			})
			.catch(() => undefined);
	};
	const setOffline = context.setOffline.bind(context);
	context.setOffline = async (value: boolean) => {
		offline = value;
		await setOffline(value);
		for (const page of sessions.keys()) if (!page.isClosed()) await state(page, value);
	};
	// Stating "offline" again changes nothing; only a change fires the page's `offline` event.
	const restate = async (page: Page) => {
		if (!offline || page.isClosed()) return;
		if (!(await page.evaluate(() => navigator.onLine).catch(() => false))) return;
		await state(page, false);
		await state(page, true);
	};
	// After the tests' own navigations (awaited, so the page is told before the next step).
	context.on('page', (page) => {
		for (const name of ['goto', 'reload'] as const) {
			const navigate = page[name].bind(page) as (...args: unknown[]) => Promise<unknown>;
			(page as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
				const response = await navigate(...args);
				await restate(page);
				return response;
			};
		}
	});
}

/** Chooses a language on the first-visit screen and waits until the shell is in it. */
export async function chooseLanguage(page: Page, code: string): Promise<void> {
	await page.locator(`button[data-lang="${code}"]`).click();
	await page.waitForFunction(
		(lang) => document.documentElement.lang === lang && !!document.querySelector('main#main h1'),
		code
	);
}

/**
 * Waits until a service worker controls the page, so the app shell is cached. The worker
 * claims its first page (clientsClaim), so no reload is needed; a slow, loaded machine may take
 * a while to precache the shell.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 90_000 });
}
