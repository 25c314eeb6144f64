// The service worker's app shell: every navigation offline is answered with this prerendered,
// content-free page, and the app then draws the route the learner asked for. Its own address
// only leads home.
export const prerender = true;
