import { backendConfig, hasStoredSession } from './config';
import type { SyncSnapshot } from './status-text';

/**
 * What the UI shows about sync, with no heavy imports: the header reads this on every page,
 * and a first visit must not download supabase-js or Dexie. The engine (sync-session.ts)
 * is loaded only when there is a session to sync for, and writes its state here.
 */
export interface AccountView {
	id: string;
	label: string;
	anonymous: boolean;
}

class SyncView {
	readonly localOnly = backendConfig() === null;
	snapshot = $state<SyncSnapshot>({
		phase: this.localOnly ? 'local-only' : hasStoredSession() ? 'idle' : 'signed-out',
		pending: 0,
		lastSyncedAt: null,
		quarantined: 0
	});
	account = $state<AccountView | null>(null);
	/** Ticks so "2 min ago" stays true without a sync. */
	now = $state(Date.now());
}

export const syncView = new SyncView();

let engine: Promise<() => void> | null = null;
let loadEngine: (() => void) | null = null;
let held: Promise<unknown> | null = null;

/**
 * A page that must draw before anything else on a slow phone (the trainer's cohort page, issue
 * 13) holds the engine's start until it has drawn: starting it loads and runs about 300 KB of
 * code (supabase-js, Dexie) and refreshes the session, which took the phone's CPU while the
 * roster waited. Called while the page's code is read, before the header starts sync; never
 * longer than a few seconds, so sync still runs if the page never says it drew.
 */
export function holdSyncStart(until: Promise<unknown>): void {
	held = Promise.race([until, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

/**
 * A session now exists in this tab (signed in on /account): keep the engine running for the
 * page, not just for the account panel — no `storage` event fires in the tab that signed in,
 * and the panel's own hold ends when the learner navigates away.
 */
export function syncNeeded(): void {
	loadEngine?.();
}

/**
 * Starts the sync engine for this page, once, when it is needed: a stored session now, or
 * one appearing later (signed in here or in another tab). Returns the clean-up.
 */
export function startSyncWhenNeeded(): () => void {
	if (syncView.localOnly) return () => {};
	let stop: (() => void) | undefined;
	const load = () => {
		engine ??= (held ?? Promise.resolve())
			.then(() => import('./sync-session'))
			.then(({ syncSession }) => syncSession.start());
		void engine.then((fn) => (stop = fn));
	};
	loadEngine = load;
	if (hasStoredSession()) load();
	const onStorage = () => hasStoredSession() && load();
	window.addEventListener('storage', onStorage);
	const tick = setInterval(() => (syncView.now = Date.now()), 30_000);
	return () => {
		window.removeEventListener('storage', onStorage);
		clearInterval(tick);
		if (loadEngine === load) loadEngine = null;
		stop?.();
	};
}
