import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
		paths: { relative: false }
	},
	compilerOptions: { runes: true }
};

export default config;
