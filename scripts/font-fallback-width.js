// How wide Urdu text is in Nastaliq against a local fallback font, in Chromium
// (node scripts/font-fallback-width.js ["DejaVu Sans" ...]; needs npm run courses:build first).
//
// src/lib/styles/fonts.css draws text in a local Naskh-style face while Nastaliq downloads
// (font-display: swap). Its size-adjust is Nastaliq's total advance over the fallback's, word by
// word over every Urdu word of the awareness course, so a painted paragraph keeps its number of
// lines when Nastaliq arrives. p10/p90 are the spread of per-word ratios: lines can still break
// at other words, which is why the figure is a total and not per word.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const root = new URL('../', import.meta.url);
const index = JSON.parse(readFileSync(new URL('static/packs/index.json', root), 'utf8'));
const course = index.courses.find((c) => c.id === 'ai-awareness');
const pack = JSON.parse(readFileSync(new URL(`static${course.packs.ur.url}`, root), 'utf8'));

const texts = [];
(function walk(node) {
	if (Array.isArray(node)) return node.forEach(walk);
	if (!node || typeof node !== 'object') return;
	if (node.t === 'text' && typeof node.v === 'string') texts.push(node.v);
	Object.values(node).forEach(walk);
})(pack.lessons);
const words = texts
	.join(' ')
	.split(/\s+/)
	.filter((w) => /[\u0600-\u06ff]/.test(w));
const nastaliq = readFileSync(new URL('static/fonts/noto-nastaliq-urdu-ur-400.woff2', root)).toString(
	'base64'
);
// A family that is not installed measures Chromium's monospace instead: check fc-list first.
const fallbacks = process.argv.length > 2 ? process.argv.slice(2) : ['DejaVu Sans', 'Noto Naskh Arabic'];

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--headless']
});
const page = await browser.newPage();
await page.setContent(
	`<style>@font-face{font-family:Nastaliq;src:url(data:font/woff2;base64,${nastaliq})}</style>`
);
const result = await page.evaluate(
	async ({ words, fallbacks }) => {
		await document.fonts.load('20px Nastaliq', 'ی');
		const span = document.createElement('span');
		span.style.cssText = 'font-size:20px;white-space:nowrap';
		document.body.append(span);
		const widths = (family) =>
			words.map((w) => {
				span.style.fontFamily = family;
				span.textContent = w;
				return span.getBoundingClientRect().width;
			});
		const sum = (list) => list.reduce((a, b) => a + b, 0);
		const n = widths('Nastaliq');
		return fallbacks.map((f) => {
			const fb = widths(`'${f}', monospace`);
			const ratios = n.map((v, i) => v / fb[i]).sort((a, b) => a - b);
			return {
				fallback: f,
				'size-adjust': `${((sum(n) / sum(fb)) * 100).toFixed(1)}%`,
				p10: ratios[Math.floor(ratios.length * 0.1)].toFixed(2),
				p90: ratios[Math.floor(ratios.length * 0.9)].toFixed(2)
			};
		});
	},
	{ words, fallbacks }
);
console.log(`${words.length} Urdu words`);
console.table(result);
await browser.close();
