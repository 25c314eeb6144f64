/**
 * Exercise block contract between the course compiler and the exercises module.
 * A lesson's Markdown places an exercise as a fenced block with info string `exercise` and
 * YAML settings; the compiler calls `validateExerciseSettings` and reports each problem as
 * `path:line: message`. Imports stay relative (no `$lib`) so plain Node tools can load this.
 * The exercises module owns the settings rules of each type
 * (`settings-rules.ts`).
 */
import { SETTING_RULES } from './settings-rules';

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
	const all = settings as Record<string, unknown>;
	const type = all.type;
	if (type === undefined) return [`exercise needs a "type" (one of ${EXERCISE_TYPES.join(', ')})`];
	if (!isExerciseType(type))
		return [`unknown exercise type "${String(type)}" (known: ${EXERCISE_TYPES.join(', ')})`];

	const rules = SETTING_RULES[type] ?? {};
	const allowed = Object.keys(rules);
	const problems: string[] = [];
	for (const key of Object.keys(all)) {
		if (key === 'type' || key in rules) continue;
		problems.push(
			`${type}: unknown setting "${key}"` +
				(allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (this exercise takes no settings)')
		);
	}
	for (const [key, rule] of Object.entries(rules)) {
		if (!(key in all)) {
			if (rule.required) problems.push(`${type}: setting "${key}" is required`);
			continue;
		}
		if (all[key] === null) {
			problems.push(`${type}: setting "${key}" is empty`);
			continue;
		}
		const problem = rule.check(all[key], all);
		if (problem) problems.push(`${type}: setting "${key}" ${problem}`);
	}
	return problems;
}
