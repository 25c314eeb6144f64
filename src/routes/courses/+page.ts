// Server-rendered per request, not prerendered: the server writes the page's text into the HTML
// in the learner's language (src/lib/server/first-paint/). Offline, the service worker answers
// with the prerendered shell (/offline-shell).
export const prerender = false;

// A painted page's modules run in a task of their own, before the first draw (src/lib/start-up.ts).
export { afterModulesRun as load } from '$lib/start-up';
