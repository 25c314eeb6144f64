// Any course id; offline the service worker draws this page from the app shell.
export const prerender = false;
