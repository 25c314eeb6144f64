// Where every lesson's text is when the app takes over from the painted page (issue 17).
//
//   node scripts/handover-blocks.js [--build-dir=build] [--lang=ur] [--size=412x823] [--course=ID]
//
// Opens each lesson twice in a phone-sized Chromium, Nastaliq blocked so both copies are in the
// same fallback (as at a slow link's hand-over, app.html): once with the app's code blocked (the
// server's painted copy), once with the app. Prints, per lesson, the first block on the screen
// whose place or height differs by more than 1 px, or "ok". A difference is text that jumps under
// the learner's eyes at the hand-over: a block the painted page draws unlike LessonBlocks.svelte
// (a callout's label was one, pictures left out another). Run it after adding a kind of block.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveBuild } from './serve-build.js';

const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const buildDir = arg('build-dir', 'build');
const lang = arg('lang', 'ur');
const [width, height] = arg('size', '412x823').split('x').map(Number);
const onlyCourse = arg('course', null);

/** Every lesson of every course pack the build serves in `lang`. */
function lessonPaths() {
	const packs = join(buildDir, 'client', 'packs');
	const paths = [];
	for (const course of readdirSync(packs)) {
		if (course.includes('.') || (onlyCourse && course !== onlyCourse)) continue;
		const file = readdirSync(join(packs, course)).find(
			(f) => f.startsWith(`${lang}.`) && f.endsWith('.json')
		);
		if (!file) continue;
		const pack = JSON.parse(readFileSync(join(packs, course, file), 'utf8'));
		for (const lesson of pack.lessons ?? []) paths.push(`/courses/${course}/${lesson.id}?lang=${lang}`);
	}
	return paths;
}

/** The text blocks under `root`, top and height in page px, in document order. */
function blocks(root) {
	const main = document.querySelector(root);
	if (!main) return null;
	return [...main.querySelectorAll('h1, h2, h3, p, li, aside, img, ol, ul')]
		.filter((el) => el.getClientRects().length > 0)
		.map((el) => {
			const r = el.getBoundingClientRect();
			return {
				block: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').replace(/\s+/g, '').slice(0, 20)}`,
				top: Math.round(r.top + scrollY),
				height: Math.round(r.height)
			};
		});
}

const { base, stop } = await serveBuild(buildDir);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});

/** @param {string} path @param {'painted' | 'app'} copy */
async function read(path, copy) {
	const context = await browser.newContext({
		viewport: { width, height },
		deviceScaleFactor: 1.75,
		isMobile: true,
		hasTouch: true
	});
	try {
		await context.route(/\/fonts\/noto-nastaliq/, (route) => route.abort());
		if (copy === 'painted') await context.route(/\/_app\/immutable\/.*\.js$/, (route) => route.abort());
		const page = await context.newPage();
		await page.goto(base + path, { waitUntil: 'domcontentloaded' });
		if (copy === 'painted') await page.waitForSelector('#seekh-paint h1', { timeout: 10_000 });
		else
			await page.waitForFunction(
				() => !document.getElementById('seekh-paint') && !!document.querySelector('main#main h1'),
				undefined,
				{ timeout: 30_000 }
			);
		await page.evaluate(() => document.fonts.ready);
		await page.waitForTimeout(300);
		return await page.evaluate(blocks, copy === 'painted' ? '#seekh-paint main' : 'main#main');
	} finally {
		await context.close();
	}
}

let moved = 0;
let failed = 0;
const paths = lessonPaths();
try {
	console.log(
		`Lessons in ${lang} at ${width}×${height}: the first block on screen that moves at the hand-over`
	);
	for (const path of paths) {
		let painted, app;
		try {
			[painted, app] = [await read(path, 'painted'), await read(path, 'app')];
		} catch (error) {
			failed++;
			console.log(`${path}  could not be read: ${String(error).split('\n')[0]}`);
			continue;
		}
		const onScreen = (painted ?? []).filter((b) => b.top < height);
		const first = onScreen.findIndex((b, i) => {
			const a = app?.[i];
			return !a || a.block !== b.block || Math.abs(a.top - b.top) > 1 || Math.abs(a.height - b.height) > 1;
		});
		if (first < 0) console.log(`${path}  ok (${onScreen.length} blocks)`);
		else {
			moved++;
			const b = onScreen[first];
			const a = app?.[first];
			console.log(
				`${path}  ${b.block}: painted at ${b.top} px, ${b.height} px tall; the app's ${a ? `${a.block} at ${a.top} px, ${a.height} px tall` : 'copy has no such block'}`
			);
		}
	}
	console.log(
		`${moved} of ${paths.length} lessons move on the first screen${failed ? `, ${failed} could not be read` : ''}`
	);
} finally {
	await browser.close();
	stop();
}
process.exitCode = moved || failed ? 1 : 0;
