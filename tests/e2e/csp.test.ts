import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser } from './browser';

/**
 * The Content-Security-Policy (svelte.config.js `kit.csp`) is one the app passes: the main
 * pages, in Urdu, render and run with no violation reported by Chromium.
 */
const ROUTES = [
	'/',
	'/courses',
	'/courses/ai-awareness',
	'/about',
	'/privacy',
	'/terms',
	'/account',
	'/certificates',
	'/verify',
	'/settings',
	'/exercises'
];

describe.skipIf(noBrowser)('Content-Security-Policy', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is on every main page and none of them violates it', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => {
			localStorage.setItem('seekh.lang', 'ur');
			const seen: string[] = [];
			Object.defineProperty(window, '__cspViolations', { value: seen });
			document.addEventListener('securitypolicyviolation', (e) =>
				seen.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'} ${e.sourceFile}:${e.lineNumber}`)
			);
		});
		const page = await context.newPage();
		const refused: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
		});
		for (const route of ROUTES) {
			const response = await page.goto(route);
			const html = (await response?.text()) ?? '';
			const csp =
				response?.headers()['content-security-policy'] ??
				/http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
			expect(csp, `${route} has a CSP`).toMatch(/default-src 'self'/);
			await page.waitForFunction(() => !!document.querySelector('main#main h1'), undefined, {
				timeout: 30_000
			});
			await page.waitForLoadState('networkidle').catch(() => undefined);
			const violations = await page.evaluate(
				() => (window as unknown as { __cspViolations: string[] }).__cspViolations
			);
			expect([...violations, ...refused], route).toEqual([]);
		}
		await context.close();
	});
});
