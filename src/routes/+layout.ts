// Seekh renders on the device: the language and all progress live there, not on the server.
// Pages are prerendered as shells, so the service worker can serve any route offline.
export const ssr = false;
export const prerender = true;
