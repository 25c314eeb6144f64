import type { Cohort, RosterRow } from '$lib/cohorts/types';

/**
 * The last cohort and roster the trainer loaded, kept on the phone so the cohort opens at a
 * venue with no signal (shown with the time it was loaded, never as live).
 */
export interface CachedCohort {
	cohort: Cohort;
	roster: RosterRow[];
	at: string;
}

const key = (id: string) => `seekh-cohort:${id}`;

export function readCached(id: string): CachedCohort | null {
	try {
		const raw = globalThis.localStorage?.getItem(key(id));
		return raw ? (JSON.parse(raw) as CachedCohort) : null;
	} catch {
		return null;
	}
}

export function writeCached(id: string, value: CachedCohort): void {
	try {
		globalThis.localStorage?.setItem(key(id), JSON.stringify(value));
	} catch {
		// A full storage only costs the offline copy; the live view still works.
	}
}
