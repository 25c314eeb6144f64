import type { Cohort, RosterRow } from '$lib/cohorts/types';

/**
 * The last cohort and roster the trainer loaded, kept on the phone: shown at once when the
 * cohort opens (marked with the time it was loaded, then replaced by the fresh one) and at a
 * venue with no signal. Kept per account, so another person signing in on the same phone never
 * sees it.
 */
export interface CachedCohort {
	cohort: Cohort;
	roster: RosterRow[];
	at: string;
}

const key = (user: string, id: string) => `seekh-cohort:${user}:${id}`;

export function readCached(user: string | null, id: string): CachedCohort | null {
	if (!user) return null;
	try {
		const raw = globalThis.localStorage?.getItem(key(user, id));
		return raw ? (JSON.parse(raw) as CachedCohort) : null;
	} catch {
		return null;
	}
}

export function writeCached(user: string | null, id: string, value: CachedCohort): void {
	if (!user) return;
	try {
		globalThis.localStorage?.setItem(key(user, id), JSON.stringify(value));
	} catch {
		// A full storage only costs the kept copy; the live view still works.
	}
}

export function dropCached(user: string | null, id: string): void {
	if (!user) return;
	try {
		globalThis.localStorage?.removeItem(key(user, id));
	} catch {
		// Nothing kept, nothing to drop.
	}
}
