import type { Handle, RequestEvent } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { isLanguageCode, getLanguage, type LanguageCode } from '$lib/i18n/languages';
import { fontFile } from '$lib/i18n/font-file';
import { LANG_COOKIE, PAINTED_ROUTES, PAINT_ID } from '$lib/first-paint';
import { parseCatalogue, parseCoursePack } from '$lib/content/parse-pack';
import { escapeHtml as e, ogLocale, paintFor, type Paint, type PaintSources } from './pages';

/**
 * Content in the first paint (issue 17): a learner opening `/`, the catalogue, a course or a
 * lesson gets the page's text in the HTML, in their language, before any JavaScript runs. The
 * language comes from a shared link's `?lang=` or the `seekh.lang` cookie (the app's copy of
 * the learner's choice); with neither, the page is the usual shell and the app asks. Only the
 * browser's own page loads are painted (`Sec-Fetch-Dest: document`): the service worker's copy
 * of the shell must stay content-free, since it answers every route offline.
 */
export function firstPaintHandle(): Handle {
	return async ({ event, resolve }) => {
		// Pages that are never painted (staff, verification, certificates, the offline shell)
		// load their stylesheets as files again: see `fetchInlinedStyles`.
		if (!PAINTED_ROUTES.includes(event.route.id ?? ''))
			return resolve(event, { transformPageChunk: ({ html }) => fetchInlinedStyles(html) });
		// Prerendered shells (building) stay content-free: they answer every route offline.
		if (building || event.request.method !== 'GET') return resolve(event);
		if (event.request.headers.get('sec-fetch-dest') !== 'document') return resolve(event);
		const lang = paintLanguage(event);
		if (!lang) return resolve(event);
		const paint = await paintFor(
			event.route.id!,
			event.params as Record<string, string>,
			lang,
			sources
		).catch(() => null);
		if (!paint) return resolve(event);
		const response = await resolve(event, {
			transformPageChunk: ({ html }) => inject(html, paint, lang, event.url),
			// No `Link: rel=modulepreload` header for the app's code: it would fetch all of it
			// before the painted page is on screen (see AFTER_FIRST_PAINT below).
			preload: ({ type }) => type !== 'js'
		});
		// The same URL paints differently per language: caches must keep them apart.
		response.headers.append('vary', 'Cookie');
		return response;
	};
}

/**
 * SvelteKit inlines small stylesheets (`inlineStyleThreshold`, so painted pages wait for no CSS
 * file) and leaves each file's `<link>` disabled, so the browser never downloads it. On a page
 * the server does not paint, nothing then stores those files: offline, the shell's router asks
 * for the page's CSS again, finds it in no cache and the page fails to open ("Unable to preload
 * CSS"; the trainer's offline cohort dashboard). These pages load their stylesheets as files,
 * as before inlining, which puts them in the HTTP and service-worker caches.
 */
export function fetchInlinedStyles(html: string): string {
	return html.replace(/(<link [^>]*rel="stylesheet"[^>]*?) disabled media="\(max-width: 0\)"/g, '$1');
}

/**
 * The painted text needs its font, not JavaScript: fetch the language's face with the HTML
 * instead of after the CSS (docs/performance.md has what this buys). English uses the
 * phone's own fonts.
 */
function fontPreload(lang: LanguageCode): string {
	const file = fontFile(lang);
	return file ? `<link rel="preload" href="${file}" as="font" type="font/woff2" crossorigin />` : '';
}

function paintLanguage(event: RequestEvent): LanguageCode | null {
	const fromUrl = event.url.searchParams.get('lang');
	const code = fromUrl ?? event.cookies.get(LANG_COOKIE) ?? null;
	return isLanguageCode(code) ? code : null;
}

function inject(html: string, paint: Paint, lang: LanguageCode, url: URL): string {
	const dir = getLanguage(lang).dir;
	const name = e(paint.site);
	const head = `<title>${e(paint.title)}</title>
		<meta property="og:type" content="website" />
		<meta property="og:site_name" content="${name}" />
		<meta property="og:title" content="${e(paint.title)}" />
		<meta property="og:description" content="${e(paint.description)}" />
		<meta property="og:locale" content="${ogLocale(lang)}" />
		${fontPreload(lang)}
		<meta property="og:url" content="${e(`${url.origin}${url.pathname}?lang=${lang}`)}" />`;
	const carry = (html: string) => (url.searchParams.get('lang') === lang ? carryLanguage(html, lang) : html);
	const body = `<div id="${PAINT_ID}" data-lang="${lang}">${carry(paint.header)}<main class="seekh-paint-main">${carry(paint.html)}</main></div>`;
	return html
		.replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${lang}" dir="${dir}">`)
		.replace(
			/<meta\s+name="description"\s+content="[^"]*"\s*\/>/,
			`<meta name="description" content="${e(paint.description)}" />`
		)
		.replace(/<title>[^<]*<\/title>/, head)
		.replace('<div id="seekh-boot" hidden aria-hidden="true"><span></span></div>', body)
		.replace(
			/Promise\.all\(\[([^\]]*)\]\)\.then\(/,
			`${AFTER_FIRST_PAINT}.then(() => Promise.all([$1])).then(${NEXT_TASK}).then(`
		);
}

/**
 * A page painted from a shared link's `?lang=` keeps that language in its own links. The app
 * starts only after the first paint, so a learner on a slow link may follow a painted link
 * before the app has stored the language; without `?lang=` the next page would have no
 * language (no cookie yet) and open on the language chooser.
 */
export function carryLanguage(html: string, lang: LanguageCode): string {
	return html.replace(/href="(\/[^"?#]*)"/g, (_, path: string) => `href="${path}?lang=${lang}"`);
}

/**
 * The painted page is the content; the app's code waits until it is on screen. SvelteKit's start
 * script imports the app at once, so the app's ~20 files were fetched (and run) before the first
 * paint, competing with it for the link and the CPU; Lighthouse's simulation counts each of them
 * as blocking the first paint (issue 17, docs/performance.md). Without a painted page (removed by
 * app.html's script), in a hidden tab (no paint) or without paint timing, it starts at once; in
 * any case after at most 3 s.
 */
const AFTER_FIRST_PAINT = `new Promise((go) => {
						if (!document.getElementById('${PAINT_ID}') || document.visibilityState === 'hidden' || typeof PerformanceObserver === 'undefined' || !(PerformanceObserver.supportedEntryTypes || []).includes('paint')) return go();
						new PerformanceObserver((list, seen) => {
							if (!list.getEntriesByName('first-contentful-paint').length) return;
							seen.disconnect();
							setTimeout(go);
						}).observe({ type: 'paint', buffered: true });
						setTimeout(go, 3000);
					})`;

/**
 * Kit starts in a task after the one that evaluated its entry modules: together they were one
 * 340 ms task (4× CPU trace of the Urdu lesson, issue 17), in which a tap on the painted page
 * could not be answered.
 */
const NEXT_TASK = `(loaded) => new Promise((go) => setTimeout(() => go(loaded)))`;

/**
 * The course packs of this build (npm run build compiles them into static/packs before Vite
 * runs), bundled into the server as lazy chunks: the server reads exactly the files this build
 * serves, with no path to the static directory to guess (and no request to itself: SvelteKit's
 * server fetch goes out to the network for static files).
 */
const packFiles = import.meta.glob<string>('../../../../static/packs/**/*.json', {
	query: '?raw',
	import: 'default'
});

// One parsed copy per server process (a few MB at most: courses × languages); pack names carry
// a content hash. In development an author rebuilds packs while the server runs.
const parsed = new Map<string, Promise<unknown>>();

function readPack<T>(url: string, parse: (text: string) => T | null): Promise<T | null> {
	const load = packFiles[`../../../../static${url}`];
	if (!load) return Promise.resolve(null);
	let p = dev ? undefined : (parsed.get(url) as Promise<T | null> | undefined);
	if (!p) {
		p = load()
			.then(parse)
			.catch(() => null);
		parsed.set(url, p);
	}
	return p;
}

const sources: PaintSources = {
	catalogue: () => readPack('/packs/index.json', parseCatalogue),
	pack: (url) => readPack(url, parseCoursePack)
};
