import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser } from './browser';

/** Counts dark ("ink") pixels of a PNG by decoding it in the page's own canvas. */
async function inkPixels(page: Page, png: Buffer): Promise<number> {
	return page.evaluate(async (base64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${base64}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.width;
		canvas.height = image.height;
		const context = canvas.getContext('2d');
		if (!context) return -1;
		context.drawImage(image, 0, 0);
		const { data } = context.getImageData(0, 0, image.width, image.height);
		let ink = 0;
		for (let i = 0; i < data.length; i += 4)
			if ((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255) < 384) ink++;
		return ink;
	}, png.toString('base64'));
}

/** The faces Chromium really drew a node's text with (CDP), and how many glyphs each. */
async function glyphsOf(
	page: Page,
	selector: string
): Promise<Array<{ familyName: string; glyphCount: number }>> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('DOM.enable');
	await cdp.send('CSS.enable');
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
	const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
	await cdp.detach();
	return fonts;
}

/** The faces Chromium really drew a node's text with, most glyphs first. */
async function facesOf(page: Page, selector: string): Promise<string[]> {
	const fonts = await glyphsOf(page, selector);
	return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount).map((f) => f.familyName);
}

/** Which Nastaliq files the page fetched: the Urdu cut, the full face, or both. */
async function nastaliqFiles(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((r) => new URL(r.name).pathname)
			.filter((p) => p.startsWith('/fonts/noto-nastaliq'))
			.sort()
	);
}

describe.skipIf(noBrowser)('Nastaliq typography', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('draws every stroke of Urdu text inside its own line boxes (the top of گ is not clipped)', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/about');
		await page.waitForFunction(() => !!document.querySelector('main#main h1'));
		// Tall ascenders (گ ک ٹ) and deep descenders (ے ں) in the app's own paragraph style.
		await page.evaluate(() => {
			const p = document.createElement('p');
			p.id = 'sample';
			p.textContent = 'گاؤں کے لوگ گندم کی فصل کے لیے موسم کی پیش گوئی دیکھتے ہیں۔ گگگ ککک';
			document.querySelector('main#main')?.prepend(p);
		});
		await page.evaluate(() => document.fonts.ready);
		const family = await page.evaluate(
			() => getComputedStyle(document.querySelector('#sample') as Element).fontFamily
		);
		expect(family).toContain('Nastaliq Urdu');
		expect(await page.evaluate(() => document.fonts.check('16px "Nastaliq Urdu"', 'گ'))).toBe(true);

		for (const selector of ['#sample', 'main#main h1']) {
			// Only this element is drawn, so any ink around its box can only be its own overflow.
			await page.evaluate((sel) => {
				document.getElementById('isolate')?.remove();
				const style = document.createElement('style');
				style.id = 'isolate';
				style.textContent = `body * { visibility: hidden } ${sel}, ${sel} * { visibility: visible }`;
				document.head.append(style);
			}, selector);
			const box = await page.locator(selector).boundingBox();
			if (!box) throw new Error(`${selector} not visible`);
			// 2 px of slack for anti-aliased edges; a clipped گ loses far more than that.
			const inside = await page.screenshot({
				clip: { x: box.x, y: Math.max(0, box.y - 2), width: box.width, height: box.height + 4 }
			});
			const margin = 24;
			const around = await page.screenshot({
				clip: { x: box.x, y: Math.max(0, box.y - margin), width: box.width, height: box.height + 2 * margin }
			});
			const [inkInside, inkAround] = [await inkPixels(page, inside), await inkPixels(page, around)];
			expect(inkInside).toBeGreaterThan(100);
			// All ink of the element lies within its box: a box of this size would clip nothing.
			expect(inkAround - inkInside).toBeLessThanOrEqual(inkInside * 0.005);
		}
		await page.evaluate(() => document.getElementById('isolate')?.remove());
		mkdirSync('test-results', { recursive: true });
		writeFileSync('test-results/urdu-about.png', await page.screenshot({ fullPage: true }));
		await context.close();
	});
	it("keeps tall Nastaliq letters inside the quiz options' borders", async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/courses/ai-awareness/what-is-ai');
		await page.locator('.quiz .option').first().waitFor({ timeout: 60_000 });
		await page.evaluate(() => document.fonts.ready);
		const count = await page.locator('.quiz .option').count();
		expect(count).toBeGreaterThan(1);
		for (let i = 0; i < count; i++) {
			// Only this option is drawn; ink outside its border box is a letter crossing it.
			await page.evaluate((n) => {
				document.getElementById('isolate')?.remove();
				document.querySelectorAll('[data-isolated]').forEach((el) => el.removeAttribute('data-isolated'));
				document.querySelectorAll('.quiz .option')[n]?.setAttribute('data-isolated', '');
				const style = document.createElement('style');
				style.id = 'isolate';
				style.textContent =
					'body * { visibility: hidden } [data-isolated], [data-isolated] * { visibility: visible } [data-isolated] { border-color: transparent !important }';
				document.head.append(style);
			}, i);
			const option = page.locator('.quiz .option').nth(i);
			await option.scrollIntoViewIfNeeded();
			const box = await option.boundingBox();
			if (!box) throw new Error(`option ${i} not visible`);
			const inside = await page.screenshot({
				clip: { x: box.x, y: box.y, width: box.width, height: box.height }
			});
			const margin = 16;
			const around = await page.screenshot({
				clip: { x: box.x, y: Math.max(0, box.y - margin), width: box.width, height: box.height + 2 * margin }
			});
			const [inkInside, inkAround] = [await inkPixels(page, inside), await inkPixels(page, around)];
			expect(inkInside, `option ${i}`).toBeGreaterThan(50);
			expect(inkAround - inkInside, `option ${i}: ink outside its border`).toBeLessThanOrEqual(
				Math.max(4, inkInside * 0.005)
			);
		}
		await context.close();
	});
	it('draws Latin words and numbers inside Urdu and Sindhi sentences in the same face as the English screens', async () => {
		const context = await newPhoneContext(browser);
		await context.addInitScript(() => localStorage.setItem('seekh.lang', 'ur'));
		const page = await context.newPage();
		await page.goto('/about');
		await page.waitForFunction(() => !!document.querySelector('main#main h1'));
		// A sentence of the page's own paragraph style, with a brand name and a year inside it.
		const faceFor = async (lang: string) => {
			await page.evaluate((l) => {
				document.documentElement.lang = l;
				document.getElementById('latin-run')?.parentElement?.remove();
				const p = document.createElement('p');
				p.innerHTML = 'آج کل <span id="latin-run">ChatGPT 2025 WhatsApp</span> ہر جگہ ہے۔';
				document.querySelector('main#main')?.prepend(p);
			}, lang);
			await page.evaluate(() => document.fonts.ready);
			return facesOf(page, '#latin-run');
		};
		const english = await faceFor('en');
		expect(english.length).toBeGreaterThan(0);
		// Before, the Arabic-script stacks ended in `serif`: a Latin word in an Urdu sentence
		// came out in a serif face the rest of the app never uses.
		for (const lang of ['ur', 'sd', 'ps']) expect(await faceFor(lang), lang).toEqual(english);
		await context.close();
	});
	it('draws Urdu from the Urdu cut, and Punjabi, Saraiki and a letter outside the cut from the full face, all in Nastaliq', async () => {
		/** A paragraph in the page's own style; the faces drawn and the Nastaliq files fetched. */
		const drawn = async (lang: string, text: string) => {
			const context = await newPhoneContext(browser);
			await context.addInitScript((l) => localStorage.setItem('seekh.lang', l), lang);
			const page = await context.newPage();
			await page.goto('/about');
			await page.waitForFunction(() => !!document.querySelector('main#main h1'));
			await page.evaluate((t) => {
				const p = document.createElement('p');
				p.id = 'sample';
				p.textContent = t;
				document.querySelector('main#main')?.prepend(p);
			}, text);
			await page.evaluate(() => document.fonts.ready);
			const faces = await glyphsOf(page, '#sample');
			const nastaliq = faces.find((f) => f.familyName === 'Noto Nastaliq Urdu')?.glyphCount ?? 0;
			// Spaces are outside the Arabic faces' unicode-range: they come from the Latin stack.
			const spaces = text.split(' ').length - 1;
			const other = faces.reduce((n, f) => n + f.glyphCount, 0) - nastaliq;
			const result = { nastaliq, other, spaces, files: await nastaliqFiles(page) };
			await context.close();
			return result;
		};
		const cut = '/fonts/noto-nastaliq-urdu-ur-400.woff2';
		const full = '/fonts/noto-nastaliq-urdu-400.woff2';

		/** Every letter in Nastaliq: no other face drew anything but spaces. */
		const inNastaliq = (r: { nastaliq: number; other: number; spaces: number }, lang: string) => {
			expect(r.nastaliq, lang).toBeGreaterThan(0);
			expect(r.other, lang).toBeLessThanOrEqual(r.spaces);
		};

		const urdu = await drawn('ur', 'گاؤں کے لوگ گندم کی فصل کے لیے موسم کی پیش گوئی دیکھتے ہیں۔ ۲۰۲۵');
		inNastaliq(urdu, 'ur');
		// The whole point of the cut: an Urdu reader never downloads the full face.
		expect(urdu.files).toEqual([cut]);

		// Saraiki ݙ ٻ ڄ ڳ and Punjabi ݨ are not in the Urdu cut: the whole word from the full face.
		for (const [lang, text] of [
			['skr', 'ݙٹھا، ٻال ڄاݨدا ہے، ڳالھ سݨو'],
			['pa-Arab', 'اوہ کم کردی اے، ساݨوں دسو']
		] as const) {
			const other = await drawn(lang, text);
			inNastaliq(other, lang);
			expect(other.files, lang).toEqual([full]);
		}

		// A Sindhi ڻ in an Urdu sentence (a learner's name): still Nastaliq, from the full file.
		const name = await drawn('ur', 'مبارک ہو، ڄاڻو');
		inNastaliq(name, 'ur, ڻ');
		expect(name.files).toEqual([full, cut]);
	});
});
