import { afterModulesRun } from '$lib/start-up';

// Seekh renders on the device: the language and all progress live there, not on the server.
// Pages are prerendered as shells, so the service worker can serve any route offline.
export const ssr = false;
export const prerender = true;

// The first draw is a task of its own, not the one that evaluated this module (src/lib/start-up.ts).
export const load = afterModulesRun;
