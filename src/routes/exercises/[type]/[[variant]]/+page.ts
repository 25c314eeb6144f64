import { error } from '@sveltejs/kit';
import { EXERCISE_TYPES, isExerciseType } from '$lib/exercises/registry';
import type { EntryGenerator, PageLoad } from './$types';
import { VARIANTS } from '../../practice-settings';

/**
 * One prerendered shell per exercise and variant (/exercises/bias-lab/hiring), so each is
 * precached by the service worker and opens offline by its exact address. Variants are path
 * segments, not ?query: a query would miss the precached page.
 */
export const entries: EntryGenerator = () =>
	EXERCISE_TYPES.flatMap((type) => [
		{ type, variant: '' },
		...(VARIANTS[type]?.values ?? []).map((variant) => ({ type, variant }))
	]);

export const load: PageLoad = ({ params }) => {
	const { type, variant } = params;
	if (!isExerciseType(type)) error(404, 'Unknown exercise');
	if (variant && !VARIANTS[type]?.values.includes(variant)) error(404, 'Unknown exercise variant');
	return { type, variant: variant ?? null };
};
