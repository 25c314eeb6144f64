import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL } from '../browser';
import { installSpeechStub } from './speech-stub';

/** Routes every accessibility suite walks: the shell, a course and a lesson with its quiz. */
export const ROUTES = [
	'/',
	'/courses',
	'/courses/ai-awareness',
	'/courses/ai-awareness/what-is-ai',
	'/settings',
	'/about'
];
export const LANGS = ['en', 'ur'] as const;
export const WIDTHS = [360, 1280] as const;

/** Mode combinations the issue asks for, as the JSON the app stores under `seekh.a11y`. */
export const MODES: Record<string, Record<string, unknown>> = {
	default: {},
	'high-contrast': { theme: 'high-contrast' },
	'text-200': { textScale: 200 },
	// Read-aloud rides along with easy read, so its controls are checked too (voices are stubbed).
	'easy-read': { easyRead: true, readAloud: true }
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A context whose pages start with the language and modes already stored, as for a returning
 * learner (the pre-paint script then applies them before first paint).
 */
export async function contextWith(
	browser: Browser,
	{ lang, modes = {}, width = 360 }: { lang: string | null; modes?: Record<string, unknown>; width?: number }
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width, height: 720 },
		serviceWorkers: 'block',
		// axe is injected as a script: test tooling, not the app (tests/e2e/csp.test.ts checks CSP).
		bypassCSP: true
	});
	await context.addInitScript(installSpeechStub, [
		{ name: 'Urdu', lang: 'ur-PK' },
		{ name: 'English', lang: 'en-US' }
	]);
	await context.addInitScript(
		([l, m]) => {
			if (l) localStorage.setItem('seekh.lang', l);
			localStorage.setItem('seekh.a11y', m);
		},
		[lang, JSON.stringify(modes)] as const
	);
	return context;
}

/**
 * Loads a route and waits until the app has rendered its h1 and taken over from the server's
 * painted copy (the painted page is checked on its own in layout.test.ts).
 */
export async function open(page: Page, route: string): Promise<void> {
	await page.goto(route);
	await page.waitForFunction(
		() =>
			!!document.querySelector('main#main h1') &&
			!document.getElementById('seekh-paint') &&
			document.fonts.status === 'loaded'
	);
	// The lesson player renders the quiz and read-aloud controls after the pack loads.
	if (/\/courses\/[^/]+\/[^/]+$/.test(route)) await page.locator('.quiz').waitFor();
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe once on the loaded page; returns "rule-id: selector" lines, one per failing node. */
export async function axeViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ content: axeSource });
	const violations = await page.evaluate(async (tags) => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						ctx: unknown,
						opts: unknown
					) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
				};
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return result.violations.flatMap((v) =>
			v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`)
		);
	}, AXE_TAGS);
	return violations;
}
