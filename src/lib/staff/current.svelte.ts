import type { ErrorCode } from '$lib/result';
import { byOrganisation, loadGrants, type OrgChoice } from './hub';
import type { StaffGrant } from './types';
import { accessToken } from '$lib/certificates/session-token';
import { i18n } from '$lib/i18n/i18n.svelte';
import { keepToolsOffline } from './keep-offline';

/**
 * The signed-in person's staff grants and the organisation they are working in, shared by the
 * hub and every tool page. Loaded once per page load; the chosen organisation is remembered
 * for the tab (sessionStorage), so moving between tools keeps it.
 */
const KEY = 'seekh-staff-org';
// The last grants loaded online, for this account only, so a tool opens at a venue with no
// signal (the cohort roster and dashboard then show their own offline copy). Only what to
// show depends on it: every call is still checked by the server and the database.
const GRANTS = 'seekh-staff-grants';

/** The signed-in account's id, read from its token (null when signed out). */
export function signedInAs(): string | null {
	try {
		const payload = accessToken()?.split('.')[1];
		if (!payload) return null;
		const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
		return (JSON.parse(json) as { sub?: string }).sub ?? null;
	} catch {
		return null;
	}
}

function remembered(): StaffGrant[] | null {
	try {
		const saved = JSON.parse(localStorage.getItem(GRANTS) ?? 'null') as {
			user: string;
			grants: StaffGrant[];
		} | null;
		const user = signedInAs();
		return saved && user && saved.user === user ? saved.grants : null;
	} catch {
		return null;
	}
}

function remember(grants: StaffGrant[]): void {
	try {
		const user = signedInAs();
		if (user) localStorage.setItem(GRANTS, JSON.stringify({ user, grants }));
	} catch {
		// A full or blocked storage only costs the offline copy.
	}
}

class StaffState {
	grants = $state<StaffGrant[] | null>(null);
	error = $state<ErrorCode | null>(null);
	chosen = $state<string | null>(null);
	private loading: Promise<void> | null = null;

	load(force = false): Promise<void> {
		if (this.loading && !force) return this.loading;
		try {
			this.chosen = sessionStorage.getItem(KEY);
		} catch {
			// Storage can be blocked; the first organisation is then chosen.
		}
		this.loading = loadGrants().then((got) => {
			const saved = !got.ok && got.error === 'offline' ? remembered() : null;
			if (got.ok) remember(got.value);
			// Their tools' code is fetched once the phone is idle, so it opens later without a signal.
			if (got.ok && got.value.length > 0)
				keepToolsOffline(
					got.value.map((g) => g.role),
					i18n.lang
				);
			this.grants = got.ok ? got.value : (saved ?? []);
			this.error = got.ok || saved ? null : got.error;
		});
		return this.loading;
	}

	/**
	 * The grants kept from the last online load for this account, for a tool that draws its
	 * own kept copy while the live grants load (the cohort page). Only what to show: the
	 * server and the database check every call, and the live grants replace these.
	 */
	lastLoaded(): StaffGrant[] | null {
		return remembered();
	}

	get orgs(): OrgChoice[] {
		return byOrganisation(this.grants ?? []);
	}

	get current(): OrgChoice | null {
		const orgs = this.orgs;
		return orgs.find((o) => o.org_id === this.chosen) ?? orgs[0] ?? null;
	}

	choose(orgId: string) {
		this.chosen = orgId;
		try {
			sessionStorage.setItem(KEY, orgId);
		} catch {
			// Not remembered across pages; still chosen on this one.
		}
	}
}

export const staff = new StaffState();
