import { Workbox } from 'workbox-window';
import { updateState } from './update-state.svelte';

/**
 * Registers the service worker through workbox-window so a new version never takes over
 * half-way: it waits until the learner presses "reload", then we activate it and reload once
 * it controls the page. Without service-worker support the app simply works online.
 */
export function registerServiceWorker(url = '/service-worker.js'): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const wb = new Workbox(url, { scope: '/', type: 'module' });

	wb.addEventListener('waiting', () => {
		updateState.needRefresh = true;
	});
	wb.addEventListener('activated', (event) => {
		if (!event.isUpdate) updateState.offlineReady = true;
	});
	updateState.applyUpdate = () => {
		wb.addEventListener('controlling', () => window.location.reload());
		wb.messageSkipWaiting();
	};

	wb.register().catch((error: unknown) => {
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
