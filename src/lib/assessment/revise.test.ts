import { describe, expect, it } from 'vitest';
import type { CatalogueCourse } from '$lib/content/pack-types';
import { reviseLessons } from './revise';

const course = {
	id: 'train-the-trainer',
	lessons: [
		{ id: 'adults', minutes: 5, title: { en: 'Teaching adults', ur: 'بالغوں کو سکھانا' } },
		{ id: 'hybrid', minutes: 5, title: { en: 'Hybrid cohorts' } },
		{ id: 'fair', minutes: 5, title: { en: 'Assessing fairly', ur: 'منصفانہ جانچ' } }
	],
	revise: { 'adult-learning': ['adults'], 'fair-assessment': ['fair', 'adults'], inclusion: ['hybrid'] }
} as unknown as CatalogueCourse;

describe('reviseLessons', () => {
	it('lists the lessons of the topics to revise once each, in course order, in the learner language', () => {
		const lessons = reviseLessons(course, ['fair-assessment', 'adult-learning'], 'ur');
		expect(lessons.map((l) => l.id)).toEqual(['adults', 'fair']);
		expect(lessons[0]?.title).toEqual({ text: 'بالغوں کو سکھانا', lang: 'ur', fallback: false });
	});

	it('falls back to another language for a title the learner language lacks, and marks it', () => {
		const [lesson] = reviseLessons(course, ['inclusion'], 'ur');
		expect(lesson?.title).toEqual({ text: 'Hybrid cohorts', lang: 'en', fallback: true });
	});

	it('gives nothing for a course without a revise map or an unknown topic', () => {
		expect(reviseLessons({ ...course, revise: undefined }, ['inclusion'], 'en')).toEqual([]);
		expect(reviseLessons(course, ['no-such-topic'], 'en')).toEqual([]);
		expect(reviseLessons(undefined, ['inclusion'], 'en')).toEqual([]);
	});
});
