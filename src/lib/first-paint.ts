/**
 * The first paint: for the public pages a learner meets first, the server writes the page's
 * text into the HTML in the learner's language (src/lib/server/first-paint/), so a slow phone
 * shows content before any JavaScript runs. While that painted copy is on screen the app is
 * hidden under it (app.html); the app removes it once it has drawn the same content, in the
 * same frame, so nothing that was painted moves.
 */
import { afterNextFrame } from '$lib/content/player/draw-steps';

/** Routes the server paints; their pages call `firstPaintDone()` when their content is drawn. */
export const PAINTED_ROUTES: readonly string[] = [
	'/',
	'/courses',
	'/courses/[courseId]',
	'/courses/[courseId]/[lessonId]'
];

/** The cookie that tells the server the learner's language (a copy of `seekh.lang`). */
export const LANG_COOKIE = 'seekh.lang';

export const PAINT_ID = 'seekh-paint';

/**
 * The app has drawn: the painted copy goes. A learner who has scrolled it (a slow link: the app
 * came seconds after the text) keeps their place: the app's copy of the block under their reading
 * line is put where the painted one was (`readingLine()`). The app draws in the painted copy's font
 * (app.html lets a late Nastaliq in only with the next page), but any block it draws taller or
 * shorter would otherwise move the text under the learner's eyes. A keyboard or
 * screen-reader user who had moved to one of the painted links keeps it too: the app's same link
 * takes the focus, so the next Tab goes on from there, not from the top of the page.
 */
export function firstPaintDone(): void {
	if (typeof document === 'undefined' || handOverPending || !document.getElementById(PAINT_ID)) return;
	// After the browser has laid out what the app just drew, in a task of its own: done in the
	// drawing task, reading where the learner is (`scrollY`) laid the new page out there and then,
	// and with the removal that made the home page's draw one 170 ms task on a 4× slowed CPU
	// (issue 17). Nothing shows in between: the app is hidden under the copy until it goes.
	handOverPending = true;
	void afterNextFrame().then(() => {
		handOverPending = false;
		handOver();
	});
}

let handOverPending = false;

function handOver(): void {
	const copy = document.getElementById(PAINT_ID);
	if (!copy) return;
	const reading = scrollY > 0 ? readingAt(copy) : null;
	const focused = focusIn(copy);
	copy.remove();
	if (reading) keepReading(reading);
	if (focused) keepFocus(focused);
}

/** The element of the painted copy that has the focus, if one has. */
export function focusedInCopy(): HTMLElement | null {
	const copy = typeof document === 'undefined' ? null : document.getElementById(PAINT_ID);
	if (!copy) return null;
	const el = document.activeElement;
	return el instanceof HTMLElement && el !== copy && copy.contains(el) ? el : null;
}

type Focused = { tag: string; path: string | null; text: string; inHeader: boolean };

function focusIn(copy: Element): Focused | null {
	const el = document.activeElement;
	if (!(el instanceof HTMLElement) || !copy.contains(el)) return null;
	// Painted links carry the shared link's ?lang=; the app's do not: the path is what matches.
	const path = el instanceof HTMLAnchorElement ? new URL(el.href).pathname : null;
	return { tag: el.tagName, path, text: textOf(el), inHeader: !!el.closest('.paint-header') };
}

function keepFocus({ tag, path, text, inHeader }: Focused): void {
	const main = document.querySelector<HTMLElement>('main#main');
	if (!main) return;
	// The painted header's link (the app's name) has its copy in the app's header.
	const where = (inHeader && document.querySelector<HTMLElement>('header.app-header')) || main;
	const same = [...where.querySelectorAll<HTMLElement>(tag)];
	const pathOf = (el: HTMLElement) => (el instanceof HTMLAnchorElement ? new URL(el.href).pathname : null);
	const match =
		same.find((el) => pathOf(el) === path && textOf(el) === text) ??
		(path ? same.find((el) => pathOf(el) === path) : undefined) ??
		same.find((el) => textOf(el) === text);
	// No such link in the app's page: the page's content, so Tab still starts inside it.
	(match ?? main).focus({ preventScroll: true });
}

/** Text blocks a painted page is made of (src/lib/server/first-paint/pages.ts). */
const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd';
const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Where on the screen a learner reads: a quarter of the way down. When the app takes over, the
 * block under that line keeps the same share of itself above it, so the words the learner was on
 * stay under the line even when a block above it was drawn differently. (Keeping the block's top where
 * it was left the end of a block that had become shorter, or the gap after it, under the line.)
 */
export function readingLine(): number {
	return Math.round(innerHeight / 4);
}

type Reading = { tag: string; text: string; top: number; height: number; line: number };

/** The painted block under the reading line (or the first one below it), and where it was. */
function readingAt(copy: Element): Reading | null {
	const line = readingLine();
	for (const block of copy.querySelectorAll(BLOCKS)) {
		if (block.querySelector(BLOCKS)) continue;
		const box = block.getBoundingClientRect();
		if (box.bottom <= line) continue;
		const text = textOf(block);
		if (text) return { tag: block.tagName, text, top: box.top, height: box.height, line };
	}
	return null;
}

function keepReading({ tag, text, top, height, line }: Reading): void {
	const block = [...document.querySelectorAll(`main#main ${tag}`)].find((el) => textOf(el) === text);
	if (!block) return;
	const box = block.getBoundingClientRect();
	// A block that started below the line keeps its top; one the line crossed keeps its share.
	const wanted = top >= line || height <= 0 ? top : line - ((line - top) / height) * box.height;
	scrollBy(0, box.top - wanted);
}

/**
 * The trainer's cohort page, painted before the app from the copy of its first screen kept on
 * the phone (static/cohort-early.js; src/routes/staff/cohorts/first-screen.ts). The cohort view
 * removes it when it has drawn; the layout and the staff frame when they draw something else
 * instead. The file loads asynchronously: if it comes after this, the mark tells it to paint
 * nothing (the app is already on screen).
 */
export const KEPT_SCREEN_ID = 'seekh-cohort-paint';

export function keptScreenDone(): void {
	if (typeof document === 'undefined') return;
	(window as { __seekhCohortDone?: boolean }).__seekhCohortDone = true;
	document.getElementById(KEPT_SCREEN_ID)?.remove();
}

/** Keeps the server's copy of the learner's language current (a year; language only). */
export function rememberLanguageForServer(lang: string): void {
	try {
		if (document.cookie.split('; ').includes(`${LANG_COOKIE}=${encodeURIComponent(lang)}`)) return;
		const secure = location.protocol === 'https:' ? '; Secure' : '';
		document.cookie = `${LANG_COOKIE}=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
	} catch {
		// Cookies blocked: pages still work, they just paint after JavaScript.
	}
}
