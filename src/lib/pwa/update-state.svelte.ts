/**
 * What the service worker told us: an update is waiting, or how far the app is from working
 * offline. "Works without internet" may only be said once `offlineReady` is true (issue 17):
 * a learner who goes offline earlier would get the browser's offline page.
 */
class UpdateState {
	needRefresh = $state(false);
	/** Service workers available (not in development, not in old browsers). */
	supported = $state(false);
	/** A service worker is active and controls this page: the learner core is stored. */
	shellReady = $state(false);
	/** Precache progress reported by an installing worker. */
	stored = $state(0);
	total = $state(0);
	/** The language whose strings are all stored (null until warmed). */
	languageReady = $state<string | null>(null);
	/** Set by the registration: activates the waiting worker, then the page reloads. */
	applyUpdate: () => void = () => {};

	/** The shell and the learner's language are stored: the app opens offline. */
	readyFor(lang: string): boolean {
		return this.shellReady && this.languageReady === lang;
	}

	/** 0–100 while getting ready; 100 once the shell is stored. */
	get percent(): number {
		if (this.shellReady) return 100;
		if (!this.total) return 0;
		// Stored entries are counted, not bytes; 99 at most until the worker is actually active.
		return Math.min(99, Math.round((this.stored / this.total) * 100));
	}
}

export const updateState = new UpdateState();
