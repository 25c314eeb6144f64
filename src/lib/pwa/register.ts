import { Workbox } from 'workbox-window';
import { updateState } from './update-state.svelte';

/**
 * Registers the service worker through workbox-window so a new version never takes over
 * half-way: it waits until the learner presses "reload", then we activate it and reload once
 * it controls the page. Without service-worker support the app simply works online.
 *
 * workbox-window only hears about updates found after `register()` resolves; a browser often
 * finds the new worker during the page load itself, so we also watch the registration's
 * installing/waiting workers directly.
 */
export function registerServiceWorker(url = '/service-worker.js'): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const wb = new Workbox(url, { scope: '/', type: 'module' });
	// An update only needs a prompt when an older version controls this page.
	const hadController = () => !!navigator.serviceWorker.controller;

	wb.addEventListener('waiting', () => {
		if (hadController()) updateState.needRefresh = true;
	});
	updateState.supported = true;
	// Ready offline once a worker controls the page (it claims its first page on activation).
	const markReady = () => {
		if (navigator.serviceWorker.controller) updateState.shellReady = true;
	};
	markReady();
	navigator.serviceWorker.addEventListener('controllerchange', markReady);
	navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
		const data = event.data as { type?: string; stored?: number; total?: number } | null;
		if (data?.type !== 'PRECACHE_PROGRESS') return;
		updateState.stored = Math.max(updateState.stored, data.stored ?? 0);
		updateState.total = data.total ?? updateState.total;
	});
	navigator.serviceWorker.startMessages();

	let reloading = false;
	updateState.applyUpdate = () => {
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (reloading) return;
			reloading = true;
			window.location.reload();
		});
		void navigator.serviceWorker.getRegistration().then((registration) => {
			registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
		});
	};

	wb.register()
		.then((registration) => {
			if (!registration) return;
			void navigator.serviceWorker.ready.then(markReady);
			const watch = (worker: ServiceWorker | null) => {
				worker?.addEventListener('statechange', () => {
					if (worker.state === 'installed' && hadController()) updateState.needRefresh = true;
				});
			};
			if (registration.waiting && hadController()) updateState.needRefresh = true;
			watch(registration.installing);
			registration.addEventListener('updatefound', () => watch(registration.installing));
		})
		.catch((error: unknown) => {
			// An unregisterable worker (e.g. insecure origin) only costs offline use.
			console.warn('Service worker registration failed', error);
		});

	// Look for a new version when the learner comes back to the app, and every hour.
	const check = () => void wb.update().catch(() => {});
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') check();
	});
	setInterval(check, 60 * 60 * 1000);
}
