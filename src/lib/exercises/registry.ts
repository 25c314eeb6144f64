/**
 * Exercise block contract between the course compiler and the exercises module.
 * A lesson's Markdown places an exercise as a fenced block with info string `exercise` and
 * YAML settings; the compiler calls `validateExerciseSettings` and reports each problem as
 * `path:line: message`. The exercises module owns the settings rules of each type.
 */
export const EXERCISE_TYPES = [
	'teach-classifier',
	'bias-lab',
	'chatbot-or-human',
	'real-or-fake',
	'recommender'
] as const;

export type ExerciseType = (typeof EXERCISE_TYPES)[number];

export function isExerciseType(value: unknown): value is ExerciseType {
	return typeof value === 'string' && (EXERCISE_TYPES as readonly string[]).includes(value);
}

/** Problems with a block's settings (empty when valid). */
export function validateExerciseSettings(settings: unknown): string[] {
	if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
		return ['exercise settings must be a YAML mapping'];
	const type = (settings as { type?: unknown }).type;
	if (!isExerciseType(type))
		return [`unknown exercise type "${String(type)}" (known: ${EXERCISE_TYPES.join(', ')})`];
	return [];
}
