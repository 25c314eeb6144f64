import type { Block, Inline, TranslationStatus } from './pack-types';

/**
 * The trainer kit's compiled shape: one pack per language with a facilitator guide for each
 * lesson of the awareness course. Shared by the compiler and the /trainer-kit pages. Kept out
 * of the learner catalogue (`/packs/index.json`): it has its own, `/packs/trainer-kit/index.json`.
 */
export const KIT_FORMAT = 1;

/** Every guide has each of these sections, once; the ids are the `{#id}` on its headings. */
export const KIT_SECTIONS = [
	'plan-60',
	'plan-90',
	'activity',
	'demonstrate',
	'misconceptions',
	'safeguarding'
] as const;
export type KitSectionId = (typeof KIT_SECTIONS)[number];

/** Minutes the timed steps of each plan must add up to. */
export const PLAN_MINUTES = { 'plan-60': 60, 'plan-90': 90 } as const;

export interface KitSection {
	id: KitSectionId;
	heading: Inline[];
	blocks: Block[];
	/** The shared safeguarding protocol follows this section's own text. */
	includesSafeguarding?: true;
}

export interface KitGuide {
	lesson: string;
	title: string;
	status: TranslationStatus;
	intro: Block[];
	sections: KitSection[];
}

export interface KitPack {
	format: typeof KIT_FORMAT;
	kind: 'trainer-kit';
	lang: string;
	course: string;
	title: string;
	safeguarding: Block[];
	/** In the course's lesson order. */
	guides: KitGuide[];
}

export interface KitPackRef {
	url: string;
	hash: string;
	bytes: number;
}

export interface KitCatalogue {
	format: typeof KIT_FORMAT;
	course: string;
	packs: Record<string, KitPackRef>;
}
