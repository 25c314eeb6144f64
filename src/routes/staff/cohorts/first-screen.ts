/**
 * A copy of the cohort page's first screen as the app drew it (issue 13), kept next to the kept
 * roster (roster-cache.ts) and for the same account. On the next open static/cohort-early.js
 * puts it on screen before the app's code has loaded — on a mid-range phone the app needs
 * about 1.5 s to start — inert and marked as the kept copy; the view removes it when it has
 * drawn the same kept roster itself, in the same frame, so nothing moves.
 *
 * The copy is our own rendering (text already escaped by Svelte, in the trainer's language),
 * trimmed to what the trainer's phone shows on opening (measured when it is kept, so a 412 px
 * phone or 200 % text keeps what it shows): no QR code, no ids. Laying out and painting a
 * longer copy (sessions, dashboard, cards below the fold) delayed the app's own roster by
 * 0.6–1 s at 4× CPU (docs/benchmarks.md, session 7); what is below simply appears with the app,
 * where nothing above it moves. That file uses it only in the
 * build and language it was taken in, links the stylesheets it was drawn with (the offline
 * shell links only the layout's), and strips it again of anything that could load or run,
 * since storage is readable and writable by any script of the origin.
 */
export interface KeptScreen {
	/** The header and main's HTML. */
	html: string;
	lang: string;
	/** This build's entry script (a hashed name): a copy from another build is never shown. */
	build: string;
	/** The stylesheets it is drawn with (this build's files; cohort-early.js links those not linked). */
	css: string[];
}

/** What static/cohort-early.js reads: `seekh-cohort-screen:<account>:<cohort>`. */
const key = (user: string, id: string) => `seekh-cohort-screen:${user}:${id}`;
/**
 * How far down the copy reaches, in screens from the top of the page: the first screen and half
 * another, so a trainer who scrolls at once still meets text rather than the app's empty place.
 */
export const SCREENS = 1.5;
/** Above this the copy is not kept (localStorage is small and shared with the kept roster). */
const MAX_CHARS = 200_000;

/** Takes the copy of what is on screen now (the fresh roster, first drawn) for the next open. */
export function keepFirstScreen(user: string | null, id: string): void {
	const build = document
		.querySelector('link[rel="modulepreload"][href*="/entry/app."]')
		?.getAttribute('href');
	const main = document.getElementById('main');
	const header = main?.parentElement?.querySelector(':scope > header');
	if (!user || !build || !main || !header) return;
	const limit = innerHeight * SCREENS;
	const html = [header, main].map((part) => trim(firstScreenOf(part, limit)).outerHTML).join('');
	if (html.length > MAX_CHARS) return dropFirstScreen(user, id);
	// Linked by the page or by the app as it loaded code (Vite links those by full address).
	const css = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
		.filter((link) => !link.disabled)
		.map((link) => new URL(link.href))
		.filter((url) => url.origin === location.origin && url.pathname.startsWith('/_app/immutable/assets/'))
		.map((url) => url.pathname);
	const value: KeptScreen = { html, lang: document.documentElement.lang, build, css };
	try {
		localStorage.setItem(key(user, id), JSON.stringify(value));
	} catch {
		// A full storage only costs the early copy; the app still draws the kept roster.
	}
}

export function dropFirstScreen(user: string | null, id: string): void {
	if (!user) return;
	try {
		localStorage.removeItem(key(user, id));
	} catch {
		// Nothing kept, nothing to drop.
	}
}

/**
 * A copy of `live` without what starts below `limit` (px from the top of the page, as laid out
 * now): a block that starts below it is left out, a block that straddles it keeps its children
 * that start above it. Measured on the live page, removed from the copy (same tree shape).
 */
export function firstScreenOf(live: Element, limit: number): HTMLElement {
	const copy = live.cloneNode(true) as HTMLElement;
	const below: Element[] = [];
	const walk = (from: Element, to: Element) => {
		const theirs = [...to.children];
		[...from.children].forEach((child, i) => {
			const mine = theirs[i];
			if (!mine) return;
			const box = child.getBoundingClientRect();
			const top = box.top + scrollY;
			// display: contents (and hidden) boxes have no size of their own: their children decide.
			const sized = box.width > 0 || box.height > 0;
			if (sized && top >= limit) below.push(mine);
			else if ((!sized || top + box.height > limit) && child.children.length) walk(child, mine);
		});
	};
	walk(live, copy);
	for (const el of below) el.remove();
	return copy;
}

/** The copy as the app will first draw it from the kept roster: kept line, no ids. */
function trim(root: HTMLElement): HTMLElement {
	const line = root.querySelector('.copy');
	for (const span of line?.children ?? []) {
		const kept = span.getAttribute('data-which') === 'kept';
		span.classList.toggle('shown', kept);
		span.setAttribute('aria-hidden', String(!kept));
	}
	// The browser reports when the copy's title is painted (Element Timing; the bench reads it).
	root.querySelector('h2')?.setAttribute('elementtiming', 'kept-screen');
	root.querySelector('ol.roster')?.setAttribute('data-copy', 'screen');
	// The QR code keeps its square without its drawing; open things are drawn closed.
	root.querySelector('.qr')?.replaceChildren();
	for (const open of root.querySelectorAll('details[open]')) open.removeAttribute('open');
	// Ids would repeat the app's own (hidden under the copy, but in the document).
	for (const el of [root, ...root.querySelectorAll('[id]')]) el.removeAttribute('id');
	// Svelte's anchor comments are nothing on screen.
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
	const comments: Node[] = [];
	while (walker.nextNode()) comments.push(walker.currentNode);
	for (const c of comments) c.parentNode?.removeChild(c);
	return root;
}
