import { IMAGE_ITEM_IDS, TEXT_ITEM_IDS } from './item-ids';

/**
 * Which items are fake and how each is shown. Their words (message, caption, alt text, the
 * tell and the "check the source" step) are in the `exercises` strings under
 * `realFake.items.<id>`, so every language gets them translated like the rest of the app.
 */
export type ItemKind = 'sms' | 'whatsapp' | 'call' | 'headline' | 'photo';

export interface RealOrFakeItem {
	id: string;
	kind: ItemKind;
	fake: boolean;
	/** Path of the picture under the site root (images set only). */
	image?: string;
}

const KIND_AND_ANSWER: Record<string, [ItemKind, boolean]> = {
	'bisp-prize': ['sms', true],
	'jazzcash-blocked': ['sms', true],
	'fia-notice': ['whatsapp', true],
	'relative-call': ['call', true],
	'laptop-scheme': ['headline', true],
	'bank-otp': ['sms', false],
	'bisp-8171': ['sms', false],
	'weather-alert': ['headline', false],
	'six-fingers': ['photo', true],
	'garbled-sign': ['photo', true],
	'floating-shadow': ['photo', true],
	'melted-crowd': ['photo', true],
	'market-photo': ['photo', false],
	'classroom-photo': ['photo', false]
};

function item(id: string, withImage: boolean): RealOrFakeItem {
	const [kind, fake] = KIND_AND_ANSWER[id] ?? ['sms', true];
	return withImage ? { id, kind, fake, image: `exercise-media/real-or-fake/${id}.svg` } : { id, kind, fake };
}

/** The items to show: those the block lists, else the whole set, in a fixed order. */
export function itemsFor(set: unknown, chosen: unknown): RealOrFakeItem[] {
	const images = set === 'images';
	const all: readonly string[] = images ? IMAGE_ITEM_IDS : TEXT_ITEM_IDS;
	const ids = Array.isArray(chosen) ? all.filter((id) => chosen.includes(id)) : all;
	return ids.map((id) => item(id, images));
}
