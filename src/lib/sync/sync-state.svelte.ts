import { getDb } from '$lib/db/db';
import { onStorageFull } from '$lib/db/storage-errors';
import { isLanguageCode } from '$lib/i18n/languages';
import { deviceSettings } from '$lib/settings/device-settings.svelte';
import { accountActions } from './account';
import { getSupabase } from './client';
import { loadProfile, saveProfile, type Profile } from './profile';
import { SyncEngine } from './engine';
import { SyncRunner } from './runner';
import { markLanguageFromSync } from './settings-events';
import type { SyncSnapshot } from './status-text';
import { supabaseBackend } from './supabase-backend';

/**
 * The page's sync state for the UI: the status line, who is signed in, and the actions the
 * account page offers. One instance; started once by the header's status component.
 */
export interface AccountView {
	id: string;
	label: string;
	anonymous: boolean;
}

class SyncState {
	snapshot = $state<SyncSnapshot>({ phase: 'idle', pending: 0, lastSyncedAt: null, quarantined: 0 });
	account = $state<AccountView | null>(null);
	/** Ticks so "2 min ago" stays true without a sync. */
	now = $state(Date.now());
	readonly localOnly = getSupabase() === null;
	private runner: SyncRunner | null = null;
	private starts = 0;
	private stopAll: (() => void) | null = null;

	/** Starts sync for this page (idempotent); returns the clean-up. */
	start(): () => void {
		if (this.starts++ === 0) this.stopAll = this.begin();
		return () => {
			if (--this.starts === 0) this.stopAll?.();
		};
	}

	/** Sync now (after sign-in, or from a "try again" button). */
	kick() {
		void this.runner?.runNow();
	}

	actions() {
		const client = getSupabase();
		return client ? accountActions(client, getDb()) : null;
	}

	/** The signed-in learner's profile, or a translated error key. */
	async loadProfile() {
		const client = getSupabase();
		if (!client || !this.account) return { error: 'sync:errors.sessionExpired' as const };
		return loadProfile(client, this.account.id);
	}

	async saveProfile(profile: Profile) {
		const client = getSupabase();
		if (!client || !this.account) return { error: 'sync:errors.sessionExpired' as const };
		return saveProfile(client, this.account.id, profile);
	}

	private begin(): () => void {
		const db = getDb();
		const tick = setInterval(() => (this.now = Date.now()), 30_000);
		const stopFull = onStorageFull(() => (this.snapshot = { ...this.snapshot, phase: 'storage-full' }));
		const client = getSupabase();
		if (!client) {
			void db.events
				.where('sync')
				.equals(0)
				.count()
				.then((pending) => (this.snapshot = { ...this.snapshot, phase: 'local-only', pending }));
			return () => {
				clearInterval(tick);
				stopFull();
			};
		}
		const backend = supabaseBackend(client);
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, {
			onSnapshot: (s) => (this.snapshot = s),
			onSettings: (settings) => {
				// Settings follow the account: the newest language chosen on another device.
				const lang = settings.language;
				if (typeof lang === 'string' && isLanguageCode(lang) && lang !== deviceSettings().lang) {
					markLanguageFromSync(lang);
					deviceSettings().chooseLanguage(lang);
				}
			}
		});
		this.runner = runner;
		const { data } = client.auth.onAuthStateChange((_event, session) => {
			const user = session?.user;
			this.account = user
				? { id: user.id, label: user.email || user.phone || '', anonymous: user.is_anonymous === true }
				: null;
			if (user) runner.kick(0);
			else void runner.refresh('signed-out');
		});
		const stopRunner = runner.start();
		return () => {
			clearInterval(tick);
			stopFull();
			stopRunner();
			data.subscription.unsubscribe();
			this.runner = null;
		};
	}
}

export const syncState = new SyncState();
