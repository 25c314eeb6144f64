import { describe, expect, it } from 'vitest';
import { EXERCISE_TYPES, validateExerciseSettings } from '$lib/exercises/registry';
import { practiceSettings } from './practice-settings';

describe('practice settings', () => {
	it('gives every exercise valid settings, with the first variant by default', () => {
		for (const type of EXERCISE_TYPES)
			expect(validateExerciseSettings(practiceSettings(type, null))).toEqual([]);
		expect(practiceSettings('bias-lab', null)).toEqual({ type: 'bias-lab', scenario: 'loan' });
	});

	it('uses a known variant and ignores an unknown one', () => {
		expect(practiceSettings('real-or-fake', 'images')).toEqual({ type: 'real-or-fake', set: 'images' });
		expect(practiceSettings('real-or-fake', 'video')).toEqual({ type: 'real-or-fake', set: 'text' });
		expect(practiceSettings('recommender', 'images')).toEqual({ type: 'recommender' });
	});
});
