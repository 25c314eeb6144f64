import type { Cohort, RosterRow } from '$lib/cohorts/types';
import type { Result } from '$lib/result';
import { cohortFrom, getCohort, loadRoster, rosterFrom } from '$lib/staff/cohorts';
import { holdSyncStart } from '$lib/sync/sync-view.svelte';

/**
 * The cohort and its roster, asked for together and as soon as the page knows which cohort —
 * not after the staff frame has loaded the person's roles and strings (on slow 4G each wait
 * in series is a round trip or more). The server checks the caller on these calls anyway.
 */
type Answer = Promise<[Result<Cohort>, Result<RosterRow[]>]>;
let early: { id: string; answer: Answer } | null = null;

/** What static/cohort-early.js asked before the app loaded (for the cohort in the address). */
type Sent = { id: string; cohort: Promise<Response>; roster: Promise<Response> };

const ask = (id: string): Answer => {
	const w = globalThis as { __seekhCohort?: Sent; __seekhCohortAsked?: boolean };
	// That file loads asynchronously: if it comes after this, it must not ask a second time.
	w.__seekhCohortAsked = true;
	const sent = w.__seekhCohort;
	if (sent?.id === id) {
		// Used once: a later load (after adding a session, say) asks afresh.
		delete w.__seekhCohort;
		return Promise.all([cohortFrom(sent.cohort), rosterFrom(sent.roster)]);
	}
	return Promise.all([getCohort(id), loadRoster(id)]);
};

/** Starts the questions for this cohort now (the page calls it when it opens). */
export function askEarly(id: string): void {
	if (early?.id !== id) early = { id, answer: ask(id) };
}

/** The early answer once, for the view's first load; every later load asks afresh. */
export function openCohort(id: string): Answer {
	const got = early?.id === id ? early.answer : ask(id);
	early = null;
	return got;
}

let release: (() => void) | null = null;

/**
 * Keeps the sync engine's start (and the rest of what can wait) until the roster is first on
 * screen, kept copy or fresh: on a phone they would share the CPU with drawing it.
 */
export function holdUntilDrawn(): void {
	holdSyncStart(new Promise<void>((resolve) => (release = resolve)));
}

let drawn = false;
const waiting: (() => void)[] = [];

/** The view says the roster (or its refusal) is on screen: what waited starts after this frame. */
export function rosterDrawn(): void {
	if (drawn) return;
	drawn = true;
	requestAnimationFrame(() =>
		setTimeout(() => {
			release?.();
			release = null;
			for (const run of waiting.splice(0)) run();
		})
	);
}

/** Runs `work` once the roster has been drawn (at once if it has). */
export function afterDrawn(work: () => void): void {
	if (drawn) setTimeout(work);
	else waiting.push(work);
}
