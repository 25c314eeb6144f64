/// <reference lib="webworker" />
/**
 * Seekh's service worker (built by @vite-pwa/sveltekit with injectManifest).
 *
 * - Precaches the learner core: shell, lesson player, exercises, Urdu and English strings, icons
 *   and the prerendered page shells. After one visit the app starts and navigates with the
 *   network off. Staff, verification and certificate code and the regional languages' strings
 *   are cached when first used (the page warms the chosen language right after install).
 * - Navigations: try the network briefly (fresh shell), else answer from the precached shell.
 *   The app renders on the device, so any route can be drawn from the `/offline-shell` shell (the
 *   prerendered, content-free page; `/` itself is painted per language by the server).
 * - Fonts: cached the first time a language needs them (an English reader never downloads
 *   Nastaliq).
 * - Course packs: downloaded only when a learner asks; the app stores them in the
 *   `seekh-packs` cache itself, and this worker answers from there first.
 * - Updates: a new worker waits until the page asks it to take over (the reload prompt), so a
 *   learner never runs half old, half new code.
 */
import { clientsClaim } from 'workbox-core';
import {
	addPlugins,
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

export const PACK_CACHE = 'seekh-packs';

const precache = self.__WB_MANIFEST;

// Precache progress for the page ("getting ready to work offline: 40%"). Workbox stores each
// new or changed entry once; the page hears about it through a message to every window.
let stored = 0;
addPlugins([
	{
		cacheDidUpdate: async () => {
			stored++;
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			for (const client of windows)
				client.postMessage({ type: 'PRECACHE_PROGRESS', stored, total: precache.length });
		}
	}
]);
precacheAndRoute(precache);
// Control the page that installed us, so fonts and packs are cached from the first visit.
// (An update still waits for the learner's "reload": activation only follows SKIP_WAITING.)
clientsClaim();
cleanupOutdatedCaches();

// Server endpoints (APIs, signed credentials, JWKS) are never answered with the shell.
const NOT_SHELL = [/^\/api\//, /^\/\.well-known\//, /^\/auth\//, /^\/rest\//, /^\/packs\//];
registerRoute(new NavigationRoute(createHandlerBoundToURL('/offline-shell'), { denylist: NOT_SHELL }));

// Code and strings left out of the precache (staff, verification and certificate pages, the
// regional languages; see scripts/precache-split.ts) are cached the first time they are used.
// Their names carry a content hash, so a cached copy is never stale.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/_app/immutable/'),
	new CacheFirst({ cacheName: 'seekh-code', plugins: [new ExpirationPlugin({ maxEntries: 300 })] })
);

// The cohort page's early script (static/cohort-early.js, issue 13) is for trainers only, so it is
// not precached for every learner; once a trainer has opened a cohort it is here offline. Its name
// has no hash: the copy on the phone answers at once and is refreshed for the next open (it only
// sends the page's usual requests and paints a copy the app's own build has kept).
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname === '/cohort-early.js',
	new StaleWhileRevalidate({ cacheName: 'seekh-cohort-early' })
);

registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/fonts/'),
	new CacheFirst({ cacheName: 'seekh-fonts', plugins: [new ExpirationPlugin({ maxEntries: 8 })] })
);

registerRoute(
	// Hashed pack files never change, so cache-first is safe for them. The catalogue
	// (/packs/index.json) does change: it goes to the network, and the app keeps its own
	// offline copy — cache-first here would pin the first catalogue forever.
	({ url }) =>
		url.origin === self.location.origin &&
		url.pathname.startsWith('/packs/') &&
		url.pathname !== '/packs/index.json',
	// Read-only: only the app writes this cache, after checking that a pack parses. A worker
	// that cached whatever the network sent would pin a truncated download (and keep packs the
	// learner never chose to store).
	new CacheFirst({ cacheName: PACK_CACHE, plugins: [{ cacheWillUpdate: async () => null }] })
);

self.addEventListener('message', (event) => {
	if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});
