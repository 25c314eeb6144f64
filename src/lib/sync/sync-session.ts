import { getDb } from '$lib/db/db';
import { accountActions } from '$lib/account/account';
import { getSupabase } from './client';
import { SyncEngine } from './engine';
import { collectMyData, deleteMyAccount } from './my-data';
import { loadProfile, saveProfile, type Profile } from '$lib/account/profile';
import { SyncRunner } from './runner';
import { applyAccountSettings, followAccountSettings } from './settings-events';
import { supabaseBackend } from './supabase-backend';
import { syncView } from './sync-view.svelte';

/**
 * The heavy half of sync for the page (supabase-js, Dexie, the runner), loaded only when a
 * learner has a session or opens the account page. It reports into `syncView`, which the
 * header reads. Components call these methods; they never call Supabase themselves.
 */
class SyncSession {
	private runner: SyncRunner | null = null;
	private starts = 0;
	private stopAll: (() => void) | null = null;

	/** Starts sync for this page (counted, so several callers can share it). */
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
		if (!client || !syncView.account) return { error: 'sync:errors.sessionExpired' as const };
		return loadProfile(client, syncView.account.id);
	}

	async saveProfile(profile: Profile) {
		const client = getSupabase();
		if (!client || !syncView.account) return { error: 'sync:errors.sessionExpired' as const };
		return saveProfile(client, syncView.account.id, profile);
	}

	/** Everything kept about the signed-in learner (account page, "Download my data"). */
	async myData() {
		const client = getSupabase();
		if (!client || !syncView.account) throw new Error('not signed in');
		return collectMyData(client, getDb());
	}

	/** "Delete my account": the server first, then this device. */
	async deleteAccount() {
		const client = getSupabase();
		if (!client || !syncView.account) return 'sign_in' as const;
		// On success the page reloads at once (the database is gone), which ends the runner.
		const problem = await deleteMyAccount(client, getDb());
		if (!problem) syncView.account = null;
		return problem;
	}

	private begin(): () => void {
		const client = getSupabase();
		if (!client) return () => {};
		const db = getDb();
		const backend = supabaseBackend(client);
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, {
			onSnapshot: (s) => {
				// A full disk stays on screen until the learner reloads after freeing space.
				if (syncView.snapshot.phase !== 'storage-full') syncView.snapshot = s;
			},
			// Settings follow the account: the newest values chosen on other devices.
			onSettings: applyAccountSettings
		});
		this.runner = runner;
		const { data } = client.auth.onAuthStateChange((_event, session) => {
			const user = session?.user;
			syncView.account = user
				? { id: user.id, label: user.email || user.phone || '', anonymous: user.is_anonymous === true }
				: null;
			if (user) runner.kick(0);
			else void runner.refresh('signed-out');
		});
		const stopSettings = followAccountSettings();
		const stopRunner = runner.start();
		return () => {
			stopSettings();
			stopRunner();
			data.subscription.unsubscribe();
			this.runner = null;
		};
	}
}

export const syncSession = new SyncSession();
