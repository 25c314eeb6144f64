import { i18n } from '$lib/i18n/i18n.svelte';

/**
 * Keeps the `exercises` strings loaded for the current language: the app shell reloads only
 * its own namespaces when the learner switches language, so each exercise asks again.
 */
export function useExerciseStrings(): void {
	$effect(() => {
		void i18n.use('exercises');
	});
}
