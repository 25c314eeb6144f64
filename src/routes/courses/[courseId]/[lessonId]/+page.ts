// Course ids come from the pack catalogue at run time: the route is drawn on the device (the
// service worker serves the app shell offline), not prerendered per course.
export const prerender = false;

// A painted page's modules run in a task of their own, before the first draw (src/lib/start-up.ts).
export { afterModulesRun as load } from '$lib/start-up';
