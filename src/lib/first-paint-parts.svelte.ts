import { afterNextFrame } from '$lib/content/player/draw-steps';
import { PAINT_ID } from '$lib/first-paint';

/**
 * How many parts of a page to draw. Under the server's painted copy, one more after each frame,
 * so no single task draws the whole page while the learner may be tapping the painted one (a
 * course page drawn at once was a 170 ms task on a 4× slowed CPU, issue 17); nothing shows until
 * the copy goes, when `all` are drawn. Without a copy (a page opened inside the app), all at once.
 * Call while a component initialises; `total` is read reactively.
 */
export function partsUnderCopy(total: () => number): { readonly shown: number; readonly all: boolean } {
	const painted = typeof document !== 'undefined' && !!document.getElementById(PAINT_ID);
	let shown = $state(painted ? 1 : Number.POSITIVE_INFINITY);
	$effect(() => {
		if (shown >= total()) return;
		let stale = false;
		void afterNextFrame().then(() => {
			if (!stale) shown++;
		});
		return () => {
			stale = true;
		};
	});
	return {
		get shown() {
			return shown;
		},
		get all() {
			return shown >= total();
		}
	};
}
