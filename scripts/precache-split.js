import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The service worker's precache holds the learner core only: shell, lesson player, exercises,
 * Urdu and English strings (Urdu is every regional language's fallback). On a slow link that is
 * what makes a learner offline-ready soonest. Staff, verification and certificate pages, and the
 * other regional languages' strings, are cached by the worker the first time they are used.
 *
 * Replaces @vite-pwa/sveltekit's default manifest transform (it skips its own when one is
 * given), so the URL mapping below mirrors its: `client/x` → `x`, `prerendered/pages/a.html` → `a`.
 */

/** Route folders whose code waits until first use. */
// Verification stays in the precache: a verifier must be able to check a certificate offline
// after one visit to any verification page (docs/certification.md).
// The trainer kit (/trainer-kit) is for trainers: its page code waits, and its packs are
// stored only when a trainer saves the kit for offline.
export const LATER_ROUTES = ['staff', 'certificates', 'trainer-kit'];
/** Strings precached for every learner; others are cached when a learner chooses them. */
export const CORE_LANGUAGES = ['ur', 'en'];
/** Namespaces only staff pages read (partner: the partner API keys tool; deliveries: its webhooks and xAPI; kit: the trainer kit). */
export const LATER_NAMESPACES = ['staff', 'partner', 'deliveries', 'kit'];

/**
 * @typedef {{ file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[], assets?: string[] }} ViteChunk
 * @typedef {Record<string, ViteChunk>} ViteManifest
 * @typedef {{ url: string, revision: string | null, size: number }} Entry
 */

/**
 * The route file a generated SvelteKit node imports, e.g. `src/routes/staff/+page.svelte`.
 * @param {string} nodesDir
 * @param {string} key
 * @returns {string | null}
 */
function routeOfNode(nodesDir, key) {
	const file = join(nodesDir, key.split('/').pop() ?? '');
	if (!existsSync(file)) return null;
	return /src\/routes\/[^"]*/.exec(readFileSync(file, 'utf8'))?.[0] ?? null;
}

/** @param {string} route */
function isLaterRoute(route) {
	return LATER_ROUTES.some((r) => route.startsWith(`src/routes/${r}/`));
}

/** @param {string} key */
function isLaterLocale(key) {
	const match = /^locales\/([^/]+)\/([^/]+)\.json$/.exec(key);
	if (!match) return false;
	const [, lang = '', ns = ''] = match;
	return !CORE_LANGUAGES.includes(lang) || LATER_NAMESPACES.includes(ns);
}

/**
 * Files (relative to the client output) that only later routes and languages need: everything
 * the Vite manifest holds that the core roots cannot reach through static or dynamic imports.
 * @param {ViteManifest} manifest
 * @param {string} nodesDir
 * @returns {Set<string>}
 */
export function laterFiles(manifest, nodesDir) {
	/** @param {string} key */
	const isLaterRoot = (key) => {
		if (isLaterLocale(key)) return true;
		if (!key.includes('/nodes/')) return false;
		const route = routeOfNode(nodesDir, key);
		return !!route && isLaterRoute(route);
	};
	/** @type {Set<string>} */
	const core = new Set();
	const stack = Object.keys(manifest).filter((k) => manifest[k]?.isEntry && !isLaterRoot(k));
	while (stack.length) {
		const key = /** @type {string} */ (stack.pop());
		if (core.has(key)) continue;
		core.add(key);
		const chunk = manifest[key];
		for (const next of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])])
			if (!core.has(next) && !isLaterRoot(next)) stack.push(next);
	}
	/** @param {Iterable<string>} keys */
	const files = (keys) =>
		new Set(
			[...keys].flatMap((k) => {
				const c = manifest[k];
				return c ? [c.file, ...(c.css ?? []), ...(c.assets ?? [])] : [];
			})
		);
	const coreFiles = files(core);
	return new Set([...files(Object.keys(manifest))].filter((f) => !coreFiles.has(f)));
}

/**
 * Same mapping as @vite-pwa/sveltekit's default transform (base `/`, no trailing slash).
 * @param {string} url
 */
function toUrl(url) {
	if (url.startsWith('client/')) url = url.slice(7);
	else if (url.startsWith('prerendered/dependencies/')) url = url.slice(25);
	else if (url.startsWith('prerendered/pages/')) url = url.slice(18);
	if (url.endsWith('.html')) {
		if (url === 'index.html') return '/';
		return url.endsWith('/index.html')
			? url.slice(0, url.lastIndexOf('/'))
			: url.slice(0, url.lastIndexOf('.'));
	}
	return url;
}

/**
 * A workbox manifest transform keeping only the learner core.
 * @param {string} outputDir `.svelte-kit/output`
 */
export function learnerCoreTransform(outputDir) {
	/** @param {Entry[]} entries */
	return async (entries) => {
		const manifestFile = join(outputDir, 'client/.vite/manifest.json');
		const later = existsSync(manifestFile)
			? laterFiles(
					/** @type {ViteManifest} */ (JSON.parse(readFileSync(manifestFile, 'utf8'))),
					join(outputDir, '../generated/client-optimized/nodes')
				)
			: /** @type {Set<string>} */ (new Set());
		const manifest = entries
			.map((e) => ({ ...e, url: toUrl(e.url) }))
			.filter((e) => !later.has(e.url))
			// Prerendered shells of later routes: offline, navigation answers with the `/` shell anyway.
			.filter((e) => !LATER_ROUTES.some((r) => e.url === r || e.url.startsWith(`${r}/`)));
		return { manifest, warnings: /** @type {string[]} */ ([]) };
	};
}
