/**
 * SvelteKit's start-up navigation imports the layout's and the page's modules, runs their `load`s
 * and mounts the layout in whatever task the last of them arrived in. On a painted Urdu page at
 * 4× CPU, evaluating a page's modules (Dexie's among them) and the first draw were one task of
 * 110–180 ms, in which the painted page could not answer a tap (issue 17). Each `load` on that
 * path awaits this: one task after its own module ran, so module evaluation and the first draw
 * are separate tasks whichever module comes last. Later navigations do not wait.
 */
let started = false;

/** The next task: what comes after this runs in a task of its own, not in the current one. */
export function nextTask(): Promise<void> {
	return new Promise((next) => setTimeout(next));
}

export async function afterModulesRun(): Promise<void> {
	if (started || typeof window === 'undefined') return;
	await nextTask();
}

/** The start-up navigation has not drawn yet: nothing the learner chose can be on screen. */
export function startingUp(): boolean {
	return !started;
}

/** Called by the root layout once the start-up navigation has drawn. */
export function startUpDone(): void {
	started = true;
}
