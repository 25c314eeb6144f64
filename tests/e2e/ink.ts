import type { Page } from 'playwright-core';

/**
 * The ink-box check from typography.test.ts as a helper: an element's text must draw all its ink
 * inside its own box (a clipped Nastaliq گ or a descender cut by overflow loses ink outside it).
 */

/** Counts dark ("ink") pixels of a PNG by decoding it in the page's own canvas. */
export async function inkPixels(page: Page, png: Buffer): Promise<number> {
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

/** Ink of `selector` inside its box and in a margin around it, with everything else hidden. */
export async function inkInsideAndAround(page: Page, selector: string, margin = 24) {
	await page.evaluate((sel) => {
		document.getElementById('isolate')?.remove();
		const style = document.createElement('style');
		style.id = 'isolate';
		style.textContent = `body * { visibility: hidden } ${sel}, ${sel} * { visibility: visible }`;
		document.head.append(style);
	}, selector);
	await page.locator(selector).scrollIntoViewIfNeeded();
	const box = await page.locator(selector).boundingBox();
	if (!box) throw new Error(`${selector} not visible`);
	const inside = await page.screenshot({
		clip: { x: box.x, y: Math.max(0, box.y - 2), width: box.width, height: box.height + 4 }
	});
	const around = await page.screenshot({
		clip: {
			x: Math.max(0, box.x - margin),
			y: Math.max(0, box.y - margin),
			width: box.width + 2 * margin,
			height: box.height + 2 * margin
		}
	});
	await page.evaluate(() => document.getElementById('isolate')?.remove());
	return {
		inside: await inkPixels(page, inside),
		around: await inkPixels(page, around),
		png: { inside, around }
	};
}
