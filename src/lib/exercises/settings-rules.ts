import { isLanguageCode } from '../i18n/languages';
import { IMAGE_ITEM_IDS, TEXT_ITEM_IDS } from './real-or-fake/item-ids';
import { SHAPE_LABEL_IDS } from './teach-classifier/label-ids';

/**
 * Settings rules per exercise type. Messages are for course authors (English, like every
 * checker message) and name the setting and what is allowed, so a non-programmer can fix it.
 */
export interface SettingRule {
	required?: boolean;
	/** A problem with the value, or null when it is fine. `all` is the whole block. */
	check: (value: unknown, all: Record<string, unknown>) => string | null;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function oneOf(options: readonly string[]): SettingRule['check'] {
	return (value) =>
		typeof value === 'string' && options.includes(value)
			? null
			: `must be one of ${options.join(', ')} (got ${show(value)})`;
}

function integer(min: number, max: number): SettingRule['check'] {
	return (value) =>
		typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
			? null
			: `must be a whole number from ${min} to ${max} (got ${show(value)})`;
}

/** A list of distinct ids from `options`, `min` to `max` long. */
function idList(options: readonly string[], min: number, max: number): SettingRule['check'] {
	return (value) => {
		if (!Array.isArray(value) || value.length < min || value.length > max)
			return `must be a list of ${min} to ${max} of: ${options.join(', ')}`;
		const unknown = value.filter((v) => typeof v !== 'string' || !options.includes(v));
		if (unknown.length) return `has unknown ${unknown.map(show).join(', ')} (allowed: ${options.join(', ')})`;
		if (new Set(value).size !== value.length) return 'lists the same value twice';
		return null;
	};
}

/** A label is a known shape id, or its name per language (`{ en: Mango, ur: آم }`). */
function labelProblem(label: unknown): string | null {
	if (typeof label === 'string')
		return (SHAPE_LABEL_IDS as readonly string[]).includes(label)
			? null
			: `has unknown label ${show(label)} (use one of ${SHAPE_LABEL_IDS.join(', ')}, or a name per language like { en: Mango, ur: آم })`;
	if (typeof label !== 'object' || label === null || Array.isArray(label))
		return `has a label that is neither a shape id nor names per language: ${show(label)}`;
	const entries = Object.entries(label);
	const badLang = entries.find(([lang]) => !isLanguageCode(lang));
	if (badLang) return `has a label with unknown language "${badLang[0]}"`;
	const empty = entries.find(([, text]) => typeof text !== 'string' || !text.trim());
	if (empty) return `has a label whose "${empty[0]}" name is empty or not text`;
	if (!('en' in label) || !('ur' in label)) return `has a label without both en and ur names: ${show(label)}`;
	return null;
}

function labels(value: unknown): string | null {
	if (!Array.isArray(value) || value.length < 2 || value.length > 3) return 'must be a list of 2 or 3 labels';
	for (const label of value) {
		const problem = labelProblem(label);
		if (problem) return problem;
	}
	const keys = value.map((l) => (typeof l === 'string' ? l : (l as { en: string }).en.trim().toLowerCase()));
	return new Set(keys).size === keys.length ? null : 'lists the same label twice';
}

export const SETTING_RULES: Record<string, Record<string, SettingRule>> = {
	'teach-classifier': {
		labels: { check: labels },
		min_examples: { check: integer(3, 10) }
	},
	'bias-lab': {
		scenario: { required: true, check: oneOf(['loan', 'hiring']) }
	},
	'chatbot-or-human': {
		turns: { check: integer(3, 8) }
	},
	'real-or-fake': {
		set: { required: true, check: oneOf(['text', 'images']) },
		items: {
			check: (value, all) => {
				if (all.set === 'text') return idList(TEXT_ITEM_IDS, 2, TEXT_ITEM_IDS.length)(value, all);
				if (all.set === 'images') return idList(IMAGE_ITEM_IDS, 2, IMAGE_ITEM_IDS.length)(value, all);
				return null; // the bad `set` is reported on its own
			}
		}
	},
	recommender: {
		feed_size: { check: integer(3, 8) }
	}
};
