// Seekh renders on the device: the language and all progress live there, not on the server.
// Pages are prerendered as shells, so the service worker can serve any route offline.
export const ssr = false;
export const prerender = true;

// The app's first draw waits for a task of its own. SvelteKit's start evaluates the layout's and
// the page's modules (Dexie's among them on a lesson) and then, in the same task, mounts the
// layout: on a painted Urdu lesson at 4× CPU that was one task of 150–180 ms, in which the
// painted page could not answer a tap (issue 17). Only the start-up navigation waits.
let started = false;
export async function load(): Promise<void> {
	if (started || typeof window === 'undefined') return;
	started = true;
	await new Promise((next) => setTimeout(next));
}
