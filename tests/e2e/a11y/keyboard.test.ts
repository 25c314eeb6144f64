import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launchBrowser, noBrowser } from '../browser';
import { installSpeechStub } from './speech-stub';

/** What the focused element is, for matching and for failure messages. */
async function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		const labelled = el?.closest('label')?.textContent ?? '';
		return {
			tag: el?.tagName.toLowerCase() ?? '',
			inQuiz: !!el?.closest('.quiz'),
			text: (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim() || labelled.trim(),
			attrs: `${el?.getAttribute('data-lang') ?? ''} ${el?.getAttribute('href') ?? ''} ${el?.getAttribute('type') ?? ''}`,
			visibleRing:
				!!el &&
				getComputedStyle(el).outlineStyle !== 'none' &&
				parseFloat(getComputedStyle(el).outlineWidth) >= 2
		};
	});
}

/**
 * Presses Tab until the focused element matches, and checks the focus ring on the way. Fails
 * with the path taken, so a keyboard trap or a missing stop is visible in the message.
 */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 60) {
	const path: string[] = [];
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const now = await focused(page);
		path.push(`${now.tag}:${now.text.slice(0, 24)}`);
		if (match(now)) {
			expect(now.visibleRing, `no visible focus ring on ${now.tag} "${now.text}"`).toBe(true);
			return;
		}
	}
	throw new Error(`never reached the target by Tab; went through: ${path.join(' → ')}`);
}

const speech = (page: Page) =>
	page.evaluate(() => {
		const s = (window as unknown as { __speech: { spoken: { text: string; lang: string }[] } }).__speech;
		const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(
			'read-aloud'
		);
		return { spoken: s.spoken, highlighted: highlight ? [...highlight].map((r) => r.toString()) : [] };
	});

describe.skipIf(noBrowser)('keyboard only: Urdu lesson with read-aloud, quiz and completion', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('gets from the first visit to a completed lesson without a mouse', async () => {
		const context = await browser.newContext({
			baseURL,
			viewport: { width: 360, height: 720 },
			serviceWorkers: 'block'
		});
		await context.addInitScript(installSpeechStub, [
			{ name: 'English', lang: 'en-US' },
			{ name: 'Urdu', lang: 'ur-PK' }
		]);
		const page = await context.newPage();
		await page.goto('/');

		// First visit: choose Urdu.
		await tabTo(page, (f) => f.attrs.startsWith('ur '));
		await page.keyboard.press('Enter');
		await page.waitForFunction(
			() => document.documentElement.lang === 'ur' && !!document.querySelector('main h1')
		);

		// Home → the awareness course → its first lesson.
		await tabTo(page, (f) => f.attrs.includes('/courses/ai-awareness'));
		await page.keyboard.press('Enter');
		await page.waitForURL('**/courses/ai-awareness');
		await tabTo(page, (f) => f.tag === 'a' && f.attrs.includes('/courses/ai-awareness/what-is-ai'));
		await page.keyboard.press('Enter');
		await page.waitForURL('**/courses/ai-awareness/what-is-ai');
		await page.locator('article h1').waitFor();
		const title = await page.locator('article h1').innerText();

		// Switch read-aloud on, then play: the title is spoken first, in Urdu, and highlighted.
		await tabTo(page, (f) => f.text.includes('پڑھ کر سنانے کے بٹن دکھائیں'));
		await page.keyboard.press('Space');
		await tabTo(page, (f) => f.tag === 'button' && f.text === 'پڑھ کر سنائیں');
		await page.keyboard.press('Enter');
		let heard = await speech(page);
		expect(heard.spoken[0]).toMatchObject({ text: title.trim(), lang: 'ur-PK' });
		expect(heard.highlighted).toEqual([title.trim()]);
		await page.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
		heard = await speech(page);
		expect(heard.spoken).toHaveLength(2);
		expect(heard.spoken[1]?.lang).toBe('ur-PK');
		expect(heard.highlighted).toEqual([heard.spoken[1]?.text]);
		// Space on the same (now "pause") button pauses.
		await page.keyboard.press('Space');
		await expect(page.getByTestId('read-aloud-play').first().innerText()).resolves.toContain(
			'پڑھنا جاری رکھیں'
		);

		// The quiz: first option of each question, check, next — all by keyboard.
		let answered = 0;
		while (!(await page.locator('.quiz .score').isVisible())) {
			expect(++answered, 'the quiz never ends').toBeLessThan(30);
			await tabTo(page, (f) => f.inQuiz && f.tag === 'input' && /radio|checkbox/.test(f.attrs));
			await page.keyboard.press('Space');
			await tabTo(page, (f) => f.tag === 'button' && f.text === 'میرا جواب جانچیں');
			await page.keyboard.press('Enter');
			await expect(page.locator('.quiz [role="status"]').innerText()).resolves.toMatch(
				/صحیح جواب|یہ جواب درست نہیں/
			);
			await tabTo(page, (f) => f.tag === 'button' && /اگلا سوال|میرا نتیجہ دکھائیں/.test(f.text));
			await page.keyboard.press('Enter');
		}
		expect(answered).toBeGreaterThan(0);

		await tabTo(page, (f) => f.tag === 'button' && f.text === 'میں نے یہ سبق مکمل کر لیا');
		await page.keyboard.press('Enter');
		await page.locator('.completion .done').first().waitFor();
		await context.close();
	});
});
