import { validateExerciseSettings, type ExerciseType } from '$lib/exercises/registry';

/**
 * Settings for replaying an exercise outside a lesson. Some exercises come in variants (a loan
 * or a hiring scenario, messages or pictures), chosen by the page address (/exercises/bias-lab/hiring).
 */
export const VARIANTS: Partial<Record<ExerciseType, { key: string; values: string[] }>> = {
	'bias-lab': { key: 'scenario', values: ['loan', 'hiring'] },
	'real-or-fake': { key: 'set', values: ['text', 'images'] }
};

export function practiceSettings(type: ExerciseType, variant: string | null): Record<string, unknown> {
	const options = VARIANTS[type];
	const settings: Record<string, unknown> = { type };
	if (options)
		settings[options.key] = variant && options.values.includes(variant) ? variant : options.values[0];
	// The same rules as course blocks: a bad combination would be a bug here, not learner input.
	return validateExerciseSettings(settings).length === 0 ? settings : { type };
}
