import { t } from '$lib/i18n/i18n.svelte';
import { formatMonth } from '$lib/i18n/format';
import { getLanguage, isLanguageCode, type LanguageCode } from '$lib/i18n/languages';

/**
 * The label of one breakdown value in the reader's language: provinces, programmes and groups
 * from the `monitoring` namespace, languages by their own names, months in the local calendar
 * words. Districts and course ids are shown as they are stored.
 */
export function dimensionLabel(dimension: string, key: string, lang: LanguageCode): string {
	if (key === 'not-stated') return t('monitoring:dims.not-stated');
	if (key === 'all') return t('monitoring:dims.all');
	switch (dimension) {
		case 'month':
			return formatMonth(key, lang);
		case 'language':
			return isLanguageCode(key) ? getLanguage(key).nativeName : key;
		case 'province':
		case 'programme':
		case 'gender':
		case 'disability':
		case 'age_band':
			return t(`monitoring:dims.${dimension}.${key}`);
		default:
			return key;
	}
}

/** Which dimension a published table breaks its total down by ("enrolments_by_province"). */
export function tableDimension(tableId: string): string {
	return tableId.slice(tableId.lastIndexOf('_by_') + 4);
}
