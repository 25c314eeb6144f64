import type { LanguageCode } from '$lib/i18n/languages';

/**
 * What an exercise reports when the learner finishes it. `score` is a whole percentage 0–100
 * where the exercise has a right answer; `details` are small counts (never what the learner
 * drew or typed: that stays on the device).
 */
export interface ExerciseResult {
	score?: number;
	details?: Record<string, unknown>;
}

/** Props every exercise component takes; the lesson player and /exercises/[type] pass them. */
export interface ExerciseProps {
	/** The block's YAML settings, already checked by `validateExerciseSettings`. */
	settings: Record<string, unknown>;
	/** The lesson's language: picks exercise content (chatbot rules, labels). */
	lang: LanguageCode;
	oncomplete: (result: ExerciseResult) => void;
}
