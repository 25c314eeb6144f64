import type { ErrorCode } from '$lib/result';
import { byOrganisation, loadGrants, type OrgChoice } from './hub';
import type { StaffGrant } from './types';

/**
 * The signed-in person's staff grants and the organisation they are working in, shared by the
 * hub and every tool page. Loaded once per page load; the chosen organisation is remembered
 * for the tab (sessionStorage), so moving between tools keeps it.
 */
const KEY = 'seekh-staff-org';

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
			this.grants = got.ok ? got.value : [];
			this.error = got.ok ? null : got.error;
		});
		return this.loading;
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
