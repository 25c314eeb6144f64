// Any code can be asked for, so this page cannot be prerendered; offline, the service worker
// draws it from the app shell and the page verifies from this device's saved copies.
export const prerender = false;
