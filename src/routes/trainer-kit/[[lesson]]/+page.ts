// Lesson ids come from the kit pack at run time, and the kit must open offline: the page is
// drawn on the device from the app shell, not prerendered per lesson.
export const prerender = false;
