// Server-rendered per request, not prerendered: the server writes the page's text into the HTML
// in the learner's language (src/lib/server/first-paint/). Offline, the service worker answers
// with the prerendered shell (/offline-shell).
export const prerender = false;
