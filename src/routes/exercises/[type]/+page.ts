import { error } from '@sveltejs/kit';
import { EXERCISE_TYPES, isExerciseType } from '$lib/exercises/registry';
import type { EntryGenerator, PageLoad } from './$types';

// One prerendered shell per exercise, so each works offline from the service worker.
export const entries: EntryGenerator = () => EXERCISE_TYPES.map((type) => ({ type }));

export const load: PageLoad = ({ params }) => {
	if (!isExerciseType(params.type)) error(404, 'Unknown exercise');
	return { type: params.type };
};
