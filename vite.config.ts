import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { ManifestOptions } from 'vite-plugin-pwa';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { learnerCoreTransform } from './scripts/precache-split.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

const webManifest: Partial<ManifestOptions> = {
	name: 'Seekh — AI literacy for Pakistan',
	short_name: 'Seekh',
	description: 'Learn about AI in Urdu, Punjabi, Sindhi, Pashto, Balochi, Saraiki and English.',
	lang: 'ur',
	dir: 'rtl',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	background_color: '#ffffff',
	theme_color: '#0b6e4f',
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
		{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	]
};

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(pkg.version) },
	// SEEKH_SOURCEMAP=1 npm run build: source maps beside the files, not linked from them, so a
	// performance trace's minified frames can be named (scripts/trace-long-tasks.js).
	build: {
		sourcemap: process.env.SEEKH_SOURCEMAP === '1' ? 'hidden' : false,
		// A page's code is not announced with a `modulepreload` link per file when the app starts
		// (issue 17). Vite's preload helper appended one per dependency of the layout and the page
		// (30–40) inside the task that starts the app, and each append cost about a millisecond:
		// half of that 200–420 ms task on a 4× slowed CPU. The browser still fetches every module
		// of the page, as it finds them in the imports; from the service worker's cache (every
		// visit after the first) that costs next to nothing, and a first visit on slow 4G handed
		// over from the painted page no later (docs/benchmarks.md, session 9). Stylesheets keep
		// theirs: the router waits for a page's CSS.
		modulePreload: {
			resolveDependencies: (_file, deps, { hostType }) =>
				hostType === 'js' ? deps.filter((dep) => dep.endsWith('.css')) : deps
		}
	},
	plugins: [
		sveltekit(),
		{
			// app.html links the web manifest; the PWA plugin only writes it in a build, so
			// `npm run dev` serves the same one instead of a 404 on every page.
			name: 'seekh-dev-webmanifest',
			apply: 'serve',
			configureServer(server) {
				server.middlewares.use('/manifest.webmanifest', (_req, res) => {
					res.setHeader('content-type', 'application/manifest+json');
					res.end(JSON.stringify(webManifest));
				});
			}
		},
		SvelteKitPWA({
			// Our own commented service worker (src/service-worker.ts); the plugin injects the
			// precache manifest into it. Registration is ours too (workbox-window, update prompt).
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			manifest: webManifest,
			injectManifest: {
				// App shell: every route's code, CSS, locale chunks, icons and the prerendered pages.
				// Fonts and course packs are cached at run time, only when a learner needs them.
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}', 'prerendered/**/*.html'],
				// cohort-early.js is the trainer's cohort page's (issue 13): cached when first used.
				globIgnores: ['**/packs/**', '**/fonts/**', '**/cohort-early.js'],
				// Learner core only; staff, verification, certificates and the regional languages'
				// strings are cached when first used (scripts/precache-split.ts).
				manifestTransforms: [
					learnerCoreTransform(fileURLToPath(new URL('./.svelte-kit/output', import.meta.url)))
				]
			},
			kit: { includeVersionFile: true },
			devOptions: { enabled: false }
		})
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['src/**/*.svelte.test.ts'],
					setupFiles: ['./tests/setup-component.ts'],
					// jsdom renders at a fraction of a browser's speed: a test of many clicks took over
					// the 5 s default on a loaded CI machine (Recommender, 2026-12-03), not a hang.
					testTimeout: 20_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['./tests/e2e/global-setup.ts'],
					testTimeout: 180_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				// Real client code → supabase-js → PostgREST → Postgres (PGlite; also real
				// PostgreSQL when TEST_DATABASE_URL is set). See tests/integration/global-setup.ts.
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					setupFiles: ['./tests/integration/setup.ts'],
					globalSetup: ['./tests/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			// `npm run bench:sync` only (SEEKH_BENCH=1): a measurement, not a test for every run.
			...(process.env.SEEKH_BENCH
				? [
						{
							extends: './vite.config.ts',
							test: {
								name: 'bench',
								environment: 'node' as const,
								include: ['scripts/bench-sync.ts', 'scripts/bench-compliance.ts'],
								setupFiles: ['./tests/integration/setup.ts'],
								testTimeout: 600_000,
								hookTimeout: 120_000
							}
						}
					]
				: [])
		]
	}
});
