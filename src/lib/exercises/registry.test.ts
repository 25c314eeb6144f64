import { describe, expect, it } from 'vitest';
import { EXERCISE_TYPES, isExerciseType, validateExerciseSettings } from './registry';

describe('validateExerciseSettings', () => {
	it('accepts the settings shown in the content guide and every type with defaults', () => {
		expect(validateExerciseSettings({ type: 'teach-classifier', labels: ['circle', 'cross'] })).toEqual([]);
		expect(validateExerciseSettings({ type: 'bias-lab', scenario: 'loan' })).toEqual([]);
		expect(validateExerciseSettings({ type: 'chatbot-or-human' })).toEqual([]);
		expect(validateExerciseSettings({ type: 'real-or-fake', set: 'images' })).toEqual([]);
		expect(validateExerciseSettings({ type: 'recommender' })).toEqual([]);
	});

	it('accepts every optional setting at its limits', () => {
		expect(
			validateExerciseSettings({
				type: 'teach-classifier',
				labels: ['circle', { en: 'Mango', ur: 'آم', sd: 'انب' }, 'smile'],
				min_examples: 10
			})
		).toEqual([]);
		expect(validateExerciseSettings({ type: 'bias-lab', scenario: 'hiring' })).toEqual([]);
		expect(validateExerciseSettings({ type: 'chatbot-or-human', turns: 3 })).toEqual([]);
		expect(
			validateExerciseSettings({ type: 'real-or-fake', set: 'text', items: ['bisp-prize', 'bank-otp'] })
		).toEqual([]);
		expect(validateExerciseSettings({ type: 'recommender', feed_size: 8 })).toEqual([]);
	});

	it('rejects what is not a mapping, a missing type and an unknown type', () => {
		expect(validateExerciseSettings('teach-classifier')).toEqual([
			'exercise settings must be a YAML mapping'
		]);
		expect(validateExerciseSettings([])).toEqual(['exercise settings must be a YAML mapping']);
		expect(validateExerciseSettings({ labels: ['circle'] })).toEqual([
			'exercise needs a "type" (one of teach-classifier, bias-lab, chatbot-or-human, real-or-fake, recommender)'
		]);
		expect(validateExerciseSettings({ type: 'quiz-game' })).toEqual([
			'unknown exercise type "quiz-game" (known: teach-classifier, bias-lab, chatbot-or-human, real-or-fake, recommender)'
		]);
	});

	it('names unknown settings and what is allowed', () => {
		expect(validateExerciseSettings({ type: 'recommender', feedsize: 5 })).toEqual([
			'recommender: unknown setting "feedsize" (allowed: feed_size)'
		]);
	});

	it('reports missing, empty, wrongly typed and out-of-range values', () => {
		expect(validateExerciseSettings({ type: 'bias-lab' })).toEqual([
			'bias-lab: setting "scenario" is required'
		]);
		expect(validateExerciseSettings({ type: 'bias-lab', scenario: 'school' })).toEqual([
			'bias-lab: setting "scenario" must be one of loan, hiring (got "school")'
		]);
		expect(validateExerciseSettings({ type: 'teach-classifier', labels: null })).toEqual([
			'teach-classifier: setting "labels" is empty'
		]);
		expect(validateExerciseSettings({ type: 'chatbot-or-human', turns: '5' })).toEqual([
			'chatbot-or-human: setting "turns" must be a whole number from 3 to 8 (got "5")'
		]);
		expect(validateExerciseSettings({ type: 'recommender', feed_size: 2.5 })).toEqual([
			'recommender: setting "feed_size" must be a whole number from 3 to 8 (got 2.5)'
		]);
		expect(validateExerciseSettings({ type: 'teach-classifier', min_examples: 11 })).toEqual([
			'teach-classifier: setting "min_examples" must be a whole number from 3 to 10 (got 11)'
		]);
	});

	it('checks classifier labels: count, known ids, names per language, duplicates', () => {
		const labels = (value: unknown) => validateExerciseSettings({ type: 'teach-classifier', labels: value });
		expect(labels(['circle'])).toEqual([
			'teach-classifier: setting "labels" must be a list of 2 or 3 labels'
		]);
		expect(labels(['circle', 'star'])[0]).toMatch(/has unknown label "star" \(use one of circle, cross/);
		expect(labels(['circle', { en: 'Mango' }])).toEqual([
			'teach-classifier: setting "labels" has a label without both en and ur names: {"en":"Mango"}'
		]);
		expect(labels(['circle', { en: 'Mango', ur: 'آم', xx: 'm' }])).toEqual([
			'teach-classifier: setting "labels" has a label with unknown language "xx"'
		]);
		expect(labels(['circle', { en: 'Mango', ur: ' ' }])).toEqual([
			'teach-classifier: setting "labels" has a label whose "ur" name is empty or not text'
		]);
		expect(labels(['circle', 'circle'])).toEqual([
			'teach-classifier: setting "labels" lists the same label twice'
		]);
	});

	it('checks real-or-fake items against the chosen set', () => {
		expect(
			validateExerciseSettings({ type: 'real-or-fake', set: 'images', items: ['bisp-prize', 'six-fingers'] })
		).toEqual([
			'real-or-fake: setting "items" has unknown "bisp-prize" (allowed: six-fingers, garbled-sign, floating-shadow, melted-crowd, market-photo, classroom-photo)'
		]);
		expect(validateExerciseSettings({ type: 'real-or-fake', set: 'video', items: ['x'] })).toEqual([
			'real-or-fake: setting "set" must be one of text, images (got "video")'
		]);
		expect(
			validateExerciseSettings({ type: 'real-or-fake', set: 'text', items: ['bank-otp', 'bank-otp'] })
		).toEqual(['real-or-fake: setting "items" lists the same value twice']);
	});

	it('lists every problem of a block at once', () => {
		expect(
			validateExerciseSettings({ type: 'teach-classifier', colour: 'red', labels: [], min_examples: 0 })
		).toHaveLength(3);
	});

	it('knows exactly the five exercise types', () => {
		expect(EXERCISE_TYPES.filter(isExerciseType)).toHaveLength(5);
		expect(isExerciseType('Teach-Classifier')).toBe(false);
	});
});
