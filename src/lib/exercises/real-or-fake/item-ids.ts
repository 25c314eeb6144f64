/**
 * Ids of the real-or-fake items, per set. Kept apart from the items themselves so the course
 * checker can validate `items:` settings without loading any exercise code.
 */
export const TEXT_ITEM_IDS = [
	'bisp-prize',
	'jazzcash-blocked',
	'fia-notice',
	'relative-call',
	'laptop-scheme',
	'bank-otp',
	'bisp-8171',
	'weather-alert'
] as const;

export const IMAGE_ITEM_IDS = [
	'six-fingers',
	'garbled-sign',
	'floating-shadow',
	'melted-crowd',
	'market-photo',
	'classroom-photo'
] as const;

export type TextItemId = (typeof TEXT_ITEM_IDS)[number];
export type ImageItemId = (typeof IMAGE_ITEM_IDS)[number];
