import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Content-Security-Policy. SvelteKit writes it into every page: hashes of its own inline scripts
 * in a <meta> tag on prerendered pages, a nonce in the header on server-rendered ones. The only
 * other origin the browser talks to is the Supabase project named at build time (REST, Auth,
 * and its realtime websocket). Styles allow 'unsafe-inline' because Svelte sets style attributes
 * and transitions at run time; scripts never do. Other headers (HSTS, nosniff, Referrer-Policy)
 * are set by server.js, which also covers static files.
 */
const supabase = process.env.PUBLIC_SUPABASE_URL?.trim();
// app.html's own inline script (language and accessibility modes before first paint), allowed by
// its hash, computed from the file so an edit to it can never silently break every page.
const appHtml = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const inlineScripts = [...appHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	(m) =>
		/** @type {const} */ (
			`sha256-${createHash('sha256')
				.update(m[1] ?? '')
				.digest('base64')}`
		)
);
// Origins are host sources to CSP ("https://x.supabase.co"), which Kit's types spell as templates.
const supabaseOrigins = /** @type {`${string}://${string}.${string}`[]} */ (
	supabase ? [new URL(supabase).origin, new URL(supabase).origin.replace(/^http/, 'ws')] : []
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The service worker is registered by us through workbox-window (update prompt),
		// and built by @vite-pwa/sveltekit with injectManifest.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker.ts' },
		alias: { $locales: 'locales' },
		// Absolute asset paths: offline, the service worker answers every route with the `/`
		// shell, whose relative `./_app/…` paths would break on nested routes like /courses/x/y.
		paths: { relative: false },
		// Every stylesheet a page needs goes into its HTML (the largest, global.css with the
		// layout's styles, is 11 KB raw): on a slow link each <link rel=stylesheet> blocks the
		// first paint for a round trip of its own, and the catalogue, course and lesson pages
		// linked 5–13 of them (issue 17, measured with Lighthouse's simulation in docs/performance.md).
		inlineStyleThreshold: 16 * 1024,
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...inlineScripts],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', ...supabaseOrigins],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	},
	compilerOptions: { runes: true }
};

export default config;
