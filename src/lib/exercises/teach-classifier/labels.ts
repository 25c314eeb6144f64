import { contentFallbacks, type LanguageCode } from '$lib/i18n/languages';

export interface ClassLabel {
	id: string;
	/** Shape id whose name is in the `exercises` strings, or null for a name given per language. */
	shape: string | null;
	names: Partial<Record<LanguageCode, string>>;
}

/** Labels from the block's settings (already validated); circle and cross when none given. */
export function labelsFrom(setting: unknown): ClassLabel[] {
	const list = Array.isArray(setting) && setting.length >= 2 ? setting : ['circle', 'cross'];
	return list.map((item, i) =>
		typeof item === 'string'
			? { id: item, shape: item, names: {} }
			: { id: `label-${i + 1}`, shape: null, names: item as ClassLabel['names'] }
	);
}

/** A per-language name in the learner's language, else Urdu, else English. */
export function nameIn(label: ClassLabel, lang: LanguageCode): string {
	for (const code of contentFallbacks(lang)) {
		const name = label.names[code];
		if (name) return name;
	}
	return label.id;
}
