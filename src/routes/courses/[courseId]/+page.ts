// Course ids come from the pack catalogue at run time: the route is drawn on the device (the
// service worker serves the app shell offline), not prerendered per course.
export const prerender = false;
