import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, noBrowser } from './browser';
import { certBackend, provenLearner } from './cert-backend';
import { inkInsideAndAround } from './ink';
import { event } from '../integration/stack-helpers';
import { E2E_SIGNATORIES } from './signatories';

/**
 * The printed certificate as an employer reads it: in Urdu (Nastaliq), Sindhi (Naskh) and
 * English, every line in that language (English alongside), the signatory configured for the
 * centre, no clipped strokes, and one A4 page when printed to PDF by the browser.
 */
const COURSE = 'ai-public-servants';
// The key the test stack seeded (the real one is sealed): scripts/assessment-seed.js.
const key = keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${COURSE}`, import.meta.url)));
const NAME = 'عائشہ خان';

/** A learner who passed the course through the server's grading and claimed the certificate. */
async function certificateRow(backend: ReturnType<typeof certBackend>) {
	const learner = await provenLearner(backend.stack, 'sheet');
	const { data, error } = await learner.client.rpc('assessment_tickets', { course: COURSE });
	if (error) throw new Error(error.message);
	const ticket = (data as { tickets: { ticket_id: string; sig: string; questions: string[] }[] }).tickets[0]!;
	const answers = Object.fromEntries(ticket.questions.map((q) => [q, key[q]!.map(String)]));
	const ev = event(learner.id, 'assessment_submitted', COURSE, {
		ticket_id: ticket.ticket_id,
		sig: ticket.sig,
		answers
	});
	await learner.client.rpc('sync_push', { events: [ev] }).throwOnError();
	const claim = await fetch(`${backend.url}/api/certificates/claim`, {
		method: 'POST',
		headers: { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ course_id: COURSE, name: NAME, centre: 'karachi' })
	});
	if (!claim.ok) throw new Error(`claim failed: ${claim.status} ${await claim.text()}`);
	const mine = await fetch(`${backend.url}/api/certificates/mine`, {
		headers: { authorization: `Bearer ${learner.token}` }
	});
	const { certificates } = (await mine.json()) as { certificates: { id: string; course_id: string }[] };
	return certificates.find((c) => c.course_id === COURSE)!;
}

/** Text on the sheet that should be in the page's language: not the English lines, not names or codes. */
function translatableText(page: Page): Promise<string[]> {
	return page.locator('article.sheet').evaluate((sheet) => {
		const out: string[] = [];
		const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('[lang="en"], [data-verbatim]')) continue;
			const text = node.textContent?.trim();
			if (text) out.push(text);
		}
		return out;
	});
}

describe.skipIf(noBrowser)('the printed certificate in Urdu, Sindhi and English', () => {
	let browser: Browser;
	const backend = certBackend();
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is fully translated, shows the signatory and seal, draws every stroke and prints on one A4 page', async () => {
		const row = await certificateRow(backend);
		const context = await newPhoneContext(browser, { viewport: { width: 360, height: 800 } });
		const page = await context.newPage();
		await page.goto('/certificates?lang=ur');
		await page.locator('main#main h1').waitFor();
		// The device keeps the learner's certificates in Dexie `meta` (what /certificates refreshes).
		await page.evaluate(async (certificate) => {
			await new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('seekh');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('meta', 'readwrite');
					tx.objectStore('meta').put({ key: 'certificates', value: [certificate] });
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			});
		}, row);

		const signatory = E2E_SIGNATORIES.karachi;
		for (const lang of ['ur', 'sd', 'en'] as const) {
			await page.goto(`/certificates/${row.id}?lang=${lang}`);
			const sheet = page.locator('article.sheet');
			await sheet.waitFor();
			await page.waitForFunction((l) => document.documentElement.lang === l, lang);
			// The course title comes from the catalogue: in the learner's language, or the course's
			// content fallback (this course is written in English and Urdu: Sindhi shows Urdu).
			await page.waitForFunction(
				(l) => {
					const shown = document.querySelector('.course span')?.getAttribute('lang');
					return l === 'en' ? shown === 'en' : !!shown && shown !== 'en';
				},
				lang,
				{ timeout: 30_000 }
			);
			await page.evaluate(() => document.fonts.ready);

			mkdirSync('test-results', { recursive: true });
			writeFileSync(`test-results/certificate-${lang}.png`, await page.screenshot({ fullPage: true }));
			const text = await translatableText(page);
			const untranslated = text
				.map((t) => t.replace(/CoE-AI|QR/g, ''))
				.filter((t) => (lang === 'en' ? /[\u0600-\u06ff]/.test(t) : /[A-Za-z]{3,}/.test(t)));
			expect(untranslated, `${lang}: strings not in the page's language`).toEqual([]);
			expect(await sheet.innerText()).toContain(NAME);
			expect(await page.locator('.signatory').innerText()).toContain(signatory.name);
			expect(await page.locator('.signatory').innerText()).toContain(signatory.title[lang]);
			if (lang !== 'en') {
				// English alongside: the course title as signed, the title of the document.
				const english = await page.locator('article.sheet [lang="en"]').allInnerTexts();
				expect(english).toContain('Certificate of Achievement');
				expect(english).toContain(signatory.title.en);
			} else expect(await page.locator('article.sheet .en').count()).toBe(0);
			await expect(page.locator('.seal svg').getAttribute('aria-label')).resolves.toBeTruthy();

			for (const selector of ['.title', '.name', '.course', '.criteria', '.issuer']) {
				const ink = await inkInsideAndAround(page, `article.sheet ${selector}`);
				if (ink.around - ink.inside > ink.inside * 0.005)
					writeFileSync(`test-results/clipped-${lang}${selector.replace('.', '-')}.png`, ink.png.around);
				expect(ink.inside, `${lang} ${selector} has ink`).toBeGreaterThan(50);
				expect(ink.around - ink.inside, `${lang} ${selector} is clipped`).toBeLessThanOrEqual(
					ink.inside * 0.005
				);
			}

			// The browser's own print to PDF: A4, one page.
			const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
			const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
			expect(pages, `${lang}: printed pages`).toHaveLength(1);
			writeFileSync(`test-results/certificate-${lang}.pdf`, pdf);
		}
		await context.close();
	});
});
