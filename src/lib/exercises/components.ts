import type { Component } from 'svelte';

/**
 * Exercise type → lazily loaded component. The exercises module fills this map; the lesson
 * player imports an entry only when a lesson actually contains that exercise, so no
 * exercise code is downloaded for lessons without one. Unknown types show a translated
 * "activity unavailable" note instead.
 */
export interface ExerciseProps {
	/** The block's settings as written in the lesson (including `type`). */
	settings: Record<string, unknown>;
	/** Language of the lesson content. */
	lang: string;
	/** Called once when the learner finishes the activity (recorded as exercise_completed). */
	oncomplete?: (result: Record<string, unknown>) => void;
}

export const exerciseComponents: Partial<
	Record<string, () => Promise<{ default: Component<ExerciseProps> }>>
> = {};
