import type { Component } from 'svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { ExerciseType } from './registry';
import type { ExerciseProps } from './types';

type Loader = () => Promise<{ default: Component<ExerciseProps> }>;

/**
 * Each exercise is its own lazily loaded chunk (precached by the service worker, so it works
 * offline), fetched only when a lesson shows it. Loading one also loads the `exercises`
 * strings, so the player need not know about them.
 */
function withStrings(load: Loader): Loader {
	return async () => {
		const [module] = await Promise.all([load(), i18n.use('exercises')]);
		return module;
	};
}

export const exerciseComponents: Record<ExerciseType, Loader> = {
	'teach-classifier': withStrings(() => import('./teach-classifier/TeachClassifier.svelte')),
	'bias-lab': withStrings(() => import('./bias-lab/BiasLab.svelte')),
	'chatbot-or-human': withStrings(() => import('./chatbot-or-human/ChatbotOrHuman.svelte')),
	'real-or-fake': withStrings(() => import('./real-or-fake/RealOrFake.svelte')),
	recommender: withStrings(() => import('./recommender/Recommender.svelte'))
};
