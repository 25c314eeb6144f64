import { version } from '$app/environment';
import { preloadCode } from '$app/navigation';
import { fetchStrings } from '$lib/i18n/i18n.svelte';
import type { LanguageCode } from '$lib/i18n/languages';
import { toolsFor } from './tools';
import type { StaffRole } from './types';

/**
 * A staff member's tools are kept on the phone once they have signed in, not when first opened.
 *
 * Staff code is left out of the first visit's precache, so a learner never pays for it
 * (scripts/precache-split.js). But a trainer who signed in and later opened a cohort, perhaps at
 * a venue with a weak signal, then waited for the cohort page's code over the network (a few
 * hundred ms of the first open on a mid-range phone over slow 4G: docs/benchmarks.md, session
 * 10), and with no signal at all the page could not open. So when the app learns that the
 * signed-in person holds staff roles (the menu's Staff entry, the staff pages:
 * current.svelte.ts), the code of the hub, of the tools those roles open and of the pages they
 * link to, those tools' strings and, for trainers, the cohort page's early script are fetched
 * once the phone is idle; the service worker keeps what passes through it
 * (src/service-worker.ts, `seekh-code`).
 *
 * Once per build, language and set of tools on this phone (a mark in localStorage), so a page
 * load does not do it again. `<html data-staff-tools="kept">` says it is done (read by the
 * e2e test and the cohort benchmark).
 */
const MARK = 'seekh-staff-kept';

export function keepToolsOffline(roles: readonly StaffRole[], lang: LanguageCode): void {
	const tools = toolsFor(roles);
	// Without a controlling worker nothing would keep the files: the next page load tries again.
	if (tools.length === 0 || typeof navigator === 'undefined' || !navigator.serviceWorker?.controller) return;
	const mark = `${version}|${lang}|${tools.map((tool) => tool.id).join(',')}`;
	if (read() === mark) {
		done();
		return;
	}
	idle(() => {
		const routes = ['/staff', ...tools.flatMap((tool) => [tool.href, ...(tool.related ?? [])])];
		const namespaces = [...new Set(['staff', ...tools.flatMap((tool) => tool.strings ?? [])])];
		const fetched = [
			...routes.map((route) => preloadCode(route)),
			...namespaces.map((ns) => fetchStrings(lang, ns)),
			...(tools.some((tool) => tool.id === 'cohorts')
				? [fetch('/cohort-early.js').then((r) => void r.arrayBuffer())]
				: [])
		];
		void Promise.all(fetched).then(
			() => {
				write(mark);
				done();
			},
			() => {
				// Offline or a failed file: nothing marked, so the next page load tries again.
			}
		);
	});
}

function done() {
	document.documentElement.dataset.staffTools = 'kept';
}

/** After the page's own start-up, so the tools' code never competes with what is on screen. */
function idle(run: () => void) {
	if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 5000 });
	else setTimeout(run, 2000);
}

function read(): string | null {
	try {
		return localStorage.getItem(MARK);
	} catch {
		return null;
	}
}

function write(mark: string) {
	try {
		localStorage.setItem(MARK, mark);
	} catch {
		// Not marked: the next page load fetches again (from the worker's cache, so cheaply).
	}
}
