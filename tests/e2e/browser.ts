import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
	return browser.newContext({
		baseURL,
		viewport: { width: 360, height: 640 },
		serviceWorkers: 'allow',
		...options
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
