import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser, waitForServiceWorker } from './browser';

/**
 * Every exercise, completed in Urdu with the keyboard only (focus, Enter, Space, arrow keys
 * and typing — no clicks), with the network off after the first visit.
 */
const DONE = 'آپ نے یہ مشق مکمل کر لی';

/** Focuses a control by its accessible name and presses a key on it. */
async function press(
	page: Page,
	role: 'button' | 'radio' | 'checkbox',
	name: string | RegExp,
	key = 'Enter'
) {
	const control = page.getByRole(role, { name, exact: typeof name === 'string' }).first();
	await control.focus();
	await page.keyboard.press(key);
}

/** Fills squares of the 8×8 grid by moving with arrow keys (right-to-left) and pressing Space. */
async function drawWithKeys(page: Page, cells: number[]) {
	const start = page.locator('[data-cell][tabindex="0"]');
	await start.focus();
	let at = Number(await start.getAttribute('data-cell'));
	for (const cell of cells) {
		const [row, col, toRow, toCol] = [Math.floor(at / 8), at % 8, Math.floor(cell / 8), cell % 8];
		for (let i = row; i < toRow; i++) await page.keyboard.press('ArrowDown');
		for (let i = row; i > toRow; i--) await page.keyboard.press('ArrowUp');
		for (let i = col; i < toCol; i++) await page.keyboard.press('ArrowLeft'); // forward in RTL
		for (let i = col; i > toCol; i--) await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Space');
		at = cell;
	}
}

describe.skipIf(noBrowser)('exercises offline, in Urdu, by keyboard', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		context = await newPhoneContext(browser);
		page = await context.newPage();
		await page.goto('/exercises?lang=ur');
		await page.locator('h1').waitFor();
		await waitForServiceWorker(page);
		await context.setOffline(true);
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function open(path: string) {
		await page.goto(path);
		await page.locator('.exercise h2').waitFor();
		expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
	}

	it('lists every exercise on the practice page', async () => {
		await page.goto('/exercises');
		await expect(page.locator('h1').innerText()).resolves.toBe('مشقیں');
		await expect.poll(() => page.locator('main h2 a').count()).toBe(5);
	});

	it('teach a classifier: draw, train with a hold-out, test and see why', async () => {
		await open('/exercises/teach-classifier');
		const ring = [1, 2, 8, 11, 16, 19, 25, 26];
		const cross = [0, 3, 9, 10, 17, 18, 24, 27];
		for (let i = 0; i < 3; i++) {
			await drawWithKeys(page, ring);
			await press(page, 'button', '«دائرہ» کی مثال کے طور پر شامل کریں');
		}
		await press(page, 'radio', 'کراس', 'Space');
		for (let i = 0; i < 3; i++) {
			await drawWithKeys(page, cross);
			await press(page, 'button', '«کراس» کی مثال کے طور پر شامل کریں');
		}
		await press(page, 'button', 'کمپیوٹر کو سکھائیں');
		await expect(page.locator('.result').innerText()).resolves.toContain('2 میں سے 2 درست');
		await drawWithKeys(page, ring);
		await press(page, 'button', 'یہ کیا ہے؟');
		await expect(page.locator('.exercise h3').innerText()).resolves.toContain('«دائرہ»');
		await expect.poll(() => page.locator('.neighbours li').count()).toBe(3);
		await press(page, 'button', 'ختم کریں');
		await page.getByText(DONE).waitFor();
	});

	it('bias lab: a 30+ point gap from the proxy closes when it is removed', async () => {
		await open('/exercises/bias-lab/hiring');
		await press(page, 'button', 'سکھائیں اور نئی درخواستوں کا فیصلہ کروائیں');
		await expect(page.locator('.result').innerText()).resolves.toContain('37');
		await press(page, 'checkbox', 'کمپیوٹر کو امیدوار کا آبائی قصبہ دیکھنے دیں', 'Space');
		await press(page, 'button', 'سکھائیں اور نئی درخواستوں کا فیصلہ کروائیں');
		await expect(page.locator('.result').innerText()).resolves.toBe('دونوں گروپوں میں فرق: 0 پوائنٹ۔');
		await press(page, 'button', 'ختم کریں');
		await page.getByText(DONE).waitFor();
	});

	it('chatbot or human: chat in Urdu, guess, see the rules', async () => {
		await open('/exercises/chatbot-or-human');
		const input = page.getByLabel(/آپ کا پیغام/);
		await input.focus();
		await page.keyboard.type('میں آج بہت اداس ہوں');
		await page.keyboard.press('Enter');
		await page.getByRole('log').getByText('آپ کو ایسا کیوں محسوس ہو رہا ہے؟').waitFor();
		for (const message of [
			'السلام علیکم',
			'کیا آپ انسان ہیں؟',
			'مجھے کرکٹ پسند ہے',
			'میں امتحان کی وجہ سے پریشان ہوں'
		])
			await press(page, 'button', message);
		await press(page, 'button', 'چیٹ بوٹ سے');
		await page.getByText('درست: یہ چیٹ بوٹ تھا۔').waitFor();
		await expect(page.getByRole('table').innerText()).resolves.toContain('احساس والا اصول');
		await press(page, 'button', 'ختم کریں');
		await page.getByText(DONE).waitFor();
	});

	it('real or fake: messages, each with a tell and a check', async () => {
		await open('/exercises/real-or-fake');
		for (let i = 0; i < 8; i++) {
			await press(page, 'button', 'جعلی');
			await page.getByText('ذریعے سے تصدیق کریں:').waitFor();
			await press(page, 'button', i < 7 ? 'اگلا' : 'ختم کریں');
		}
		await page.getByText('آپ کے 8 میں سے 5 جواب درست ہیں۔').waitFor();
		await page.getByText(DONE).waitFor();
	});

	it('real or fake: the pictures load offline', async () => {
		await open('/exercises/real-or-fake/images');
		const img = page.locator('.exercise img');
		await img.waitFor();
		await page.waitForFunction(
			() => (document.querySelector('.exercise img') as HTMLImageElement)?.naturalWidth > 0
		);
		await expect(img.getAttribute('alt')).resolves.toContain('چھ انگلیاں');
	});

	it('recommender: likes narrow the feed, the button widens it', async () => {
		await open('/exercises/recommender');
		const meter = page.getByRole('meter');
		await expect(meter.getAttribute('value')).resolves.toBe('100');
		for (let i = 0; i < 3; i++) {
			// The first post after the first like is always cricket: keep liking the top post.
			await press(page, 'button', /پسند$/);
		}
		expect(Number(await meter.getAttribute('value'))).toBeLessThan(100);
		await press(page, 'button', 'مجھے زیادہ طرح کی چیزیں دکھائیں');
		await expect(meter.getAttribute('value')).resolves.toBe('100');
		for (let i = 0; i < 3; i++) await press(page, 'button', /ناپسند$/);
		await press(page, 'button', 'ختم کریں');
		await page.getByText('مشق مکمل ہو گئی۔ شاباش!').waitFor();
	});
});
